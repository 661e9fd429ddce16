namespace BookingPortal.Features.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddDeclaredServices(typeof(CatalogServiceCollectionExtensions));
        services.AddServicesPageCache();
        return services;
    }
}
