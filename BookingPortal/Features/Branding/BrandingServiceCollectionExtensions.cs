using BookingPortal.Infrastructure.Http;
using MudBlazor;
using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Branding;

public static class BrandingServiceCollectionExtensions
{
    /// <summary>The cookie that remembers dark mode ("dark" or "light") for a year.</summary>
    public const string ThemeCookie = "BookingPortal.Theme";

    public static IServiceCollection AddBranding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BrandingOptions, BrandingOptionsValidator>(configuration, BrandingOptions.SectionName);
        services.AddSingleton<MudTheme>(sp => PortalTheme.Create(sp.GetRequiredService<IOptions<BrandingOptions>>().Value));
        services.AddDeclaredServices(typeof(BrandingServiceCollectionExtensions));
        return services;
    }

    public static bool PrefersDark(HttpRequest request) => request.Cookies[ThemeCookie] == "dark";

    /// <summary>
    /// GET /theme?mode=dark|light: remembers the choice in a cookie and goes back to the page it came
    /// from; and the theme's stylesheets (<see cref="ThemeStylesheet"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapThemeEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/theme", (string? mode, string? returnUrl, HttpContext http, TimeProvider clock) =>
        {
            if (mode is not ("dark" or "light"))
            {
                return Results.BadRequest($"Unknown mode '{mode}'. Choose 'dark' or 'light'.");
            }

            http.Response.Cookies.Append(ThemeCookie, mode,
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(ReturnPath.For(returnUrl, http.Request));
        }).AllowAnonymous();
        return ThemeStylesheet.Map(endpoints);
    }
}
