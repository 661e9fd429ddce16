using BookingPortal.Components.Shared;
using MudBlazor.Services;

namespace BookingPortal.Components;

public static class ComponentsServiceCollectionExtensions
{
    /// <summary>Razor components on the server, MudBlazor, and what the portal's own page components need.</summary>
    public static IServiceCollection AddPortalComponents(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<DocumentTitleTracker>();
        return services;
    }
}
