namespace BookingPortal.Features.Booking;

public static class BookingServiceCollectionExtensions
{
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        // Stateless and on a waiting customer's page: singletons, so no waiting circuit holds its own (ServiceLifetimeTests).
        services.AddSingleton<BookingService>();
        services.AddSingleton<BookingMover>();
        services.AddScoped<CallerBookability>();
        services.AddSingleton<ReservationBatcher>();
        services.AddSingleton<ReservationBatchWriter>();
        services.AddScoped<Queue.IRankedAdmissions, RankedAdmissionBooker>();
        return services;
    }
}
