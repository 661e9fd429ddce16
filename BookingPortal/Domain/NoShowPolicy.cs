namespace BookingPortal.Domain;

/// <summary>A confirmed booking nobody checked in for by start + grace is a no-show; the deposit is forfeited.</summary>
public static class NoShowPolicy
{
    public static DateTime DueAtUtc(Service service, Booking booking) => booking.StartUtc.AddMinutes(service.NoShowGraceMinutes);

    public static bool IsDue(Service service, Booking booking, DateTime nowUtc) =>
        booking.Status == BookingStatus.Confirmed && booking.CheckedInAtUtc is null && nowUtc >= DueAtUtc(service, booking);
}
