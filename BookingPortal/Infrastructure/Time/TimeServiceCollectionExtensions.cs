using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BookingPortal.Infrastructure.Time;

public static class TimeServiceCollectionExtensions
{
    /// <summary>All time comes from TimeProvider so tests can move the clock.</summary>
    public static IServiceCollection AddClock(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
