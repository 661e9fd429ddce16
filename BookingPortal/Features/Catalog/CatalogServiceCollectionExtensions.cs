namespace BookingPortal.Features.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<CatalogService>();
        services.AddSingleton<SlotChangeNotifier>();
        services.AddServicesPageCache();
        return services;
    }
}
