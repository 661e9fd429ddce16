namespace BookingPortal.Features.Booking;

public static class BookingServiceCollectionExtensions
{
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        services.AddScoped<SlotInventoryStore>();
        services.AddScoped<BookingService>();
        services.AddSingleton<ReservationBatcher>();
        services.AddScoped<ReservationBatchWriter>();
        return services;
    }
}
