namespace BookingPortal.Features.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<CatalogService>();
        services.AddScoped<PractitionerDirectory>();
        services.AddSingleton<SlotChangeNotifier>();
        services.AddSingleton<BookingChangeNotifier>();
        services.AddServicesPageCache();
        return services;
    }
}
