using BookingPortal.Features.Branding;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;

namespace BookingPortal.Features.Catalog;

/// <summary>
/// The services page (and a service's page) is what a release's crowd loads first, and for everyone who
/// is not signed in it is the same page: static (no circuit), it is rendered once per language and theme and served from memory for up to
/// 30 seconds, or until staff change a service. Signed-in visitors, and any response that sets a
/// cookie, are never cached (the output cache's own rules). The page shows no seat counts, so a
/// cached copy is never wrong about availability. Each instance keeps its own copy: another
/// instance shows a staff edit within the 30 seconds.
/// </summary>
public static class ServicesPageCache
{
    public const string PolicyName = "ServicesPage";

    public const string Tag = "services";

    public static IServiceCollection AddServicesPageCache(this IServiceCollection services) =>
        services.AddOutputCache(options => options.AddPolicy(PolicyName, policy => policy
            .Expire(TimeSpan.FromSeconds(30))
            .VaryByValue(context => new KeyValuePair<string, string>("view", ViewOf(context)))
            .Tag(Tag)));

    /// <summary>The language of the texts, the culture of prices and dates (a culture cookie may set them apart), and the theme.</summary>
    private static string ViewOf(HttpContext context)
    {
        var culture = context.Features.Get<IRequestCultureFeature>()?.RequestCulture;
        var theme = BrandingServiceCollectionExtensions.PrefersDark(context.Request) ? "dark" : "light";
        return $"{culture?.UICulture.Name}|{culture?.Culture.Name}|{theme}";
    }

    /// <summary>After a service is added, changed or archived: the next visitor gets a fresh page.</summary>
    public static Task ServicesChangedAsync(this IOutputCacheStore cache, CancellationToken cancellationToken) =>
        cache.EvictByTagAsync(Tag, cancellationToken).AsTask();
}
