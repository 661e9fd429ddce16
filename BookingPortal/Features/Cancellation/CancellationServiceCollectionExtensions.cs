namespace BookingPortal.Features.Cancellation;

public static class CancellationServiceCollectionExtensions
{
    public static IServiceCollection AddCancellation(this IServiceCollection services)
    {
        services.AddScoped<CancellationService>();
        return services;
    }
}
