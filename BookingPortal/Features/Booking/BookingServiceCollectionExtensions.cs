namespace BookingPortal.Features.Booking;

public static class BookingServiceCollectionExtensions
{
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        services.AddDeclaredServices(typeof(BookingServiceCollectionExtensions));
        services.AddScoped<Queue.IRankedAdmissions, RankedAdmissionBooker>();
        return services;
    }
}
