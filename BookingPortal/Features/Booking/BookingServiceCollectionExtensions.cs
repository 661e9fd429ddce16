namespace BookingPortal.Features.Booking;

public static class BookingServiceCollectionExtensions
{
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        services.AddScoped<BookingService>();
        services.AddScoped<BookingMover>();
        services.AddScoped<CallerBookability>();
        services.AddSingleton<ReservationBatcher>();
        services.AddScoped<ReservationBatchWriter>();
        services.AddScoped<Queue.IRankedAdmissions, RankedAdmissionBooker>();
        return services;
    }
}
