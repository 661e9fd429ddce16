using BookingPortal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A bUnit context for the staff pages over a started test portal: MudBlazor, localization, the page title,
/// loose JavaScript, an interactive server renderer, and the demo staff member signed in (the StaffActors given
/// confirm them against the database, as the portal's do), and the portal's own services the pages use.
/// </summary>
public static class StaffPageContext
{
    public static async Task SignInDemoStaffAsync(this BunitContext context, PortalFactory factory, StaffActors staffActors, params Type[] portalServices)
    {
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.Services.AddScoped<DocumentTitleTracker>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var staff = await factory.StaffAsync();
        context.AddAuthorization().SetAuthorized(staff.Name).SetRoles(Roles.Staff).SetClaims(new Claim(PortalClaims.UserIdType, staff.Id));
        context.Services.AddSingleton(staffActors);
        foreach (var service in portalServices)
        {
            context.Services.AddSingleton(service, factory.Services.CreateScope().ServiceProvider.GetRequiredService(service));
        }

        // Last: the renderer is built from the services, which bUnit then closes to additions.
        context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }
}
