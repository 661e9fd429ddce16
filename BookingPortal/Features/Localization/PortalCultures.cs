using BookingPortal.Infrastructure.Http;
using Microsoft.AspNetCore.Localization;

namespace BookingPortal.Features.Localization;

/// <summary>The languages the customer pages are written in, and the endpoint that remembers a customer's choice.</summary>
public static class PortalCultures
{
    public const string English = "en-US";
    public const string Spanish = "es-ES";

    /// <summary>Language names in their own language, as a language switch shows them.</summary>
    public static readonly IReadOnlyList<(string Culture, string Name)> Choices = [(English, "English"), (Spanish, "Español")];

    // The neutral "en" and "es" let a browser asking for es-MX or en-GB fall back to its language.
    private static readonly string[] Supported = [English, Spanish, "en", "es"];

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<IStringLocalizer<PortalText>, CachedText<PortalText>>();
        services.AddSingleton<IStringLocalizer<MudBlazorText>, CachedText<MudBlazorText>>();
        services.AddTransient<MudBlazor.MudLocalizer, PortalMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(English)
                .AddSupportedCultures(Supported)
                .AddSupportedUICultures(Supported);
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
        });
        return services;
    }

    public static bool IsSupported(string? culture) => culture is not null && Choices.Any(c => c.Culture == culture);

    /// <summary>
    /// GET /culture?culture=es-ES&amp;returnUrl=/services: remembers the language in the standard culture
    /// cookie for a year (read by CookieRequestCultureProvider on every request and circuit) and goes back.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture", (string? culture, string? returnUrl, HttpContext http, TimeProvider clock) =>
        {
            if (!IsSupported(culture))
            {
                return Results.BadRequest($"Unknown language '{culture}'. Choose one of: {string.Join(", ", Choices.Select(c => c.Culture))}.");
            }

            Remember(http.Response, culture!, clock);
            return Results.LocalRedirect(ReturnPath.For(returnUrl, http.Request));
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// Keeps <paramref name="culture"/> (a supported one) for the pages that follow, in the cookie the switch writes: a
    /// culture in the address speaks for its own request only, and a live page's circuit reads the cookie.
    /// </summary>
    public static void Remember(HttpResponse response, string culture, TimeProvider clock) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });

    /// <summary>The two-letter language for the html lang attribute.</summary>
    public static string HtmlLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is "iv" ? "en" : CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
