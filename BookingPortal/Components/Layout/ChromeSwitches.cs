using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using BookingPortal.Features.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace BookingPortal.Components.Layout;

/// <summary>
/// The header's language and theme links, as one piece of markup per language and theme. Other languages
/// and the other theme: the /culture and /theme endpoints store the choice in a cookie and come back to
/// this page (its Referer: the links carry no path, so a page's address never appears in its own markup);
/// target="_top" makes it a real page load, so the new circuit starts in the chosen language and every
/// part of the page takes the theme. Why markup and not Razor elements: the links are the same for
/// everyone with that language and theme, and as elements they were a third of the layout's render tree,
/// which every circuit keeps (the waiting room is held open by tens of thousands).
/// </summary>
public static class ChromeSwitches
{
    private static readonly ConcurrentDictionary<(string Culture, bool Dark), MarkupString> Cache = new();

    public static MarkupString For(IStringLocalizer<PortalText> text, bool dark) =>
        Cache.GetOrAdd((CultureInfo.CurrentUICulture.Name, dark), static (key, text) => Build(text, key.Dark), text);

    private static MarkupString Build(IStringLocalizer<PortalText> text, bool dark)
    {
        var html = HtmlEncoder.Default;
        var markup = new StringBuilder();
        markup.Append($"""<span class="language-switch" role="group" aria-label="{html.Encode(text["Language"])}">""");
        foreach (var (culture, name) in PortalCultures.Choices)
        {
            var lang = html.Encode(culture);
            markup.Append(CultureInfo.GetCultureInfo(culture).TwoLetterISOLanguageName == PortalCultures.HtmlLanguage
                ? $"""<span class="nav-link current-language" lang="{lang}" aria-current="true">{html.Encode(name)}</span>"""
                : $"""<a class="nav-link" href="culture?culture={html.Encode(Uri.EscapeDataString(culture))}" target="_top" lang="{lang}" hreflang="{lang}" data-testid="language-{lang}">{html.Encode(name)}</a>""");
        }

        markup.Append("</span>");
        markup.Append($"""<a class="nav-link" href="theme?mode={(dark ? "light" : "dark")}" target="_top" data-testid="theme-switch">{html.Encode(dark ? text["Light mode"] : text["Dark mode"])}</a>""");
        return new MarkupString(markup.ToString());
    }
}
