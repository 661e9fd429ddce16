namespace BookingPortal.Features.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        // Stateless and on a waiting customer's page: singletons, so no waiting circuit holds its own (ServiceLifetimeTests).
        services.AddSingleton<CatalogService>();
        services.AddSingleton<PractitionerDirectory>();
        services.AddSingleton<SlotChangeNotifier>();
        services.AddSingleton<BookingChangeNotifier>();
        services.AddServicesPageCache();
        return services;
    }
}
