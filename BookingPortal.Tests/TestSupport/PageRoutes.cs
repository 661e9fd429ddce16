using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace BookingPortal.Tests.TestSupport;

/// <summary>The portal's routed pages (every component's route template), and whether a path lands on one.</summary>
public static partial class PageRoutes
{
    private static readonly IReadOnlyList<(string Template, TemplateMatcher Matcher)> Pages = typeof(Program).Assembly.GetTypes()
        .SelectMany(type => type.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
        .Select(route => (route.Template, new TemplateMatcher(TemplateParser.Parse(route.Template.TrimStart('/')), new RouteValueDictionary())))
        .ToList();

    /// <summary>The route template of the page <paramref name="path"/> opens, or null when no page has it ("We couldn't find that page").</summary>
    public static string? PageFor(string path) =>
        Pages.FirstOrDefault(page => page.Matcher.TryMatch(path.Split('?')[0], new RouteValueDictionary())).Template;

    /// <summary>Every link into the portal in a message's parts (e-mail HTML and text, or the SMS), as paths with their query.</summary>
    public static IReadOnlyList<string> PortalLinksIn(OutboxMessage message, Uri portalBaseUri) =>
        new[] { message.HtmlBody, message.TextBody }
            .SelectMany(part => Link().Matches(WebUtility.HtmlDecode(part ?? "")).Select(m => m.Value.TrimEnd('.', ',', ')')))
            .Where(link => link.StartsWith(portalBaseUri.ToString(), StringComparison.Ordinal))
            .Select(link => new Uri(link).PathAndQuery)
            .Distinct()
            .ToList();

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex Link();
}
