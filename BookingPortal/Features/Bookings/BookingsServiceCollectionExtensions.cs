namespace BookingPortal.Features.Bookings;

public static class BookingsServiceCollectionExtensions
{
    /// <summary>The booking core the booking, cancellation, payment and notification features share.</summary>
    public static IServiceCollection AddBookings(this IServiceCollection services)
    {
        // One per process: its writers take turns creating new slots' counters.
        services.AddSingleton<SlotInventoryStore>();
        services.AddScoped<BookingReader>();
        services.AddScoped<SeatReleaser>();
        services.AddScoped<PractitionerReassignment>();
        return services;
    }
}
