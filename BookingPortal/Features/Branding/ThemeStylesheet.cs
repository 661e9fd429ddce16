using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BookingPortal.Features.Branding;

/// <summary>
/// The theme's stylesheet (MudBlazor's CSS variables for the palette and typography, and its
/// scrollbar rules) as a file of its own, rendered once per mode by MudBlazor's own
/// <see cref="MudThemeProvider"/>. Pages link it instead of each carrying it inline (half of the
/// services page's bytes), and the browser keeps it: its address carries a hash of its content,
/// so a new brand colour is a new address.
/// </summary>
[SingletonService]
public sealed partial class ThemeStylesheet(IServiceScopeFactory scopes, ILoggerFactory loggerFactory, MudTheme theme)
{
    private readonly ConcurrentDictionary<bool, Lazy<Task<Sheet>>> sheets = new();

    /// <summary>The address to link from a page in light or dark mode.</summary>
    public async Task<string> HrefAsync(bool dark)
    {
        var sheet = await SheetAsync(dark);
        return $"theme/{Mode(dark)}.css?v={sheet.Version}";
    }

    /// <summary>GET /theme/light.css and /theme/dark.css, cached by browsers for a year (the page links a new address when the content changes).</summary>
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/theme/{mode}.css", async (string mode, ThemeStylesheet stylesheets, HttpContext http) =>
        {
            if (mode is not ("light" or "dark"))
            {
                return Results.NotFound();
            }

            var sheet = await stylesheets.SheetAsync(mode == "dark");
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text(sheet.Css, "text/css", Encoding.UTF8);
        }).AllowAnonymous();
        return endpoints;
    }

    private static string Mode(bool dark) => dark ? "dark" : "light";

    private async Task<Sheet> SheetAsync(bool dark)
    {
        var sheet = sheets.GetOrAdd(dark, mode => new Lazy<Task<Sheet>>(() => RenderAsync(mode)));
        try
        {
            return await sheet.Value;
        }
        catch
        {
            // Not kept: a render that failed once (the app still starting, say) is tried again by the next page.
            sheets.TryRemove(new KeyValuePair<bool, Lazy<Task<Sheet>>>(dark, sheet));
            throw;
        }
    }

    private async Task<Sheet> RenderAsync(bool dark)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            });
            return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        });
        var css = string.Join('\n', StyleElement().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["css"].Value).Trim()));
        if (css.Length == 0)
        {
            throw new InvalidOperationException("MudThemeProvider rendered no stylesheet.");
        }

        return new Sheet(css, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..12]);
    }

    [GeneratedRegex("<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    private sealed record Sheet(string Css, string Version);
}
