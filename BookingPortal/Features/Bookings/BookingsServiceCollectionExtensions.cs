namespace BookingPortal.Features.Bookings;

public static class BookingsServiceCollectionExtensions
{
    /// <summary>The booking core the booking, cancellation, payment and notification features share.</summary>
    public static IServiceCollection AddBookings(this IServiceCollection services)
    {
        // One per process: its writers take turns creating new slots' counters.
        services.AddSingleton<SlotInventoryStore>();
        // Stateless and reached from a waiting customer's page: singletons, so no waiting circuit holds its own (ServiceLifetimeTests).
        services.AddSingleton<BookingReader>();
        services.AddSingleton<SeatReleaser>();
        services.AddScoped<PractitionerReassignment>();
        return services;
    }
}
