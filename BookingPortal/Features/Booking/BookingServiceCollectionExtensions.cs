namespace BookingPortal.Features.Booking;

public static class BookingServiceCollectionExtensions
{
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        // One per process: its writers take turns creating new slots' counters.
        services.AddSingleton<SlotInventoryStore>();
        services.AddScoped<BookingService>();
        services.AddScoped<BookingMover>();
        services.AddScoped<BookingReader>();
        services.AddScoped<CallerBookability>();
        services.AddSingleton<ReservationBatcher>();
        services.AddScoped<ReservationBatchWriter>();
        return services;
    }
}
