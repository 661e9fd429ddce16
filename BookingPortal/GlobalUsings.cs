// Time zones and the clock are used by every feature (twenty-odd files in ten folders look up a zone),
// as widely as System's own types: one import for the project instead of one in each of those files.
global using BookingPortal.Infrastructure.Time;
