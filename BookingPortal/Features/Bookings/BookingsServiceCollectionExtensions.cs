namespace BookingPortal.Features.Bookings;

public static class BookingsServiceCollectionExtensions
{
    /// <summary>The booking core the booking, cancellation, payment and notification features share.</summary>
    public static IServiceCollection AddBookings(this IServiceCollection services) =>
        services.AddDeclaredServices(typeof(BookingsServiceCollectionExtensions));
}
