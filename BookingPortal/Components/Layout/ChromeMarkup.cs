using BookingPortal.Components.Shared;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Localization;
using Microsoft.AspNetCore.Components;

namespace BookingPortal.Components.Layout;

/// <summary>
/// The layout's chrome that is the same for everyone with a language and a few choices, as shared markup
/// (see <see cref="SharedMarkup"/>): as elements, the header and the page's end were most of the layout's
/// render tree, which every circuit keeps. Only the sign-out form, which carries the circuit's own
/// antiforgery token, stays elements.
/// </summary>
public static class ChromeMarkup
{
    private const string NavLink = "mud-typography mud-link mud-inherit-text mud-link-underline-hover nav-link";

    /// <summary>The services, then the staff area for staff, then my appointments when signed in, or sign in and register when not.</summary>
    public static MarkupString NavLinks(IStringLocalizer<PortalText> text, bool signedIn, bool staff) =>
        SharedMarkup.Get(typeof(ChromeMarkup), nameof(NavLinks), (signedIn ? 1 : 0) | (staff ? 2 : 0), text, static (text, choice) =>
        {
            var links = new StringBuilder(Link(CustomerPages.Services, text["Services"]));
            links.Append((choice & 2) != 0 ? Link("admin", text["Staff area"]) : "");
            links.Append((choice & 1) != 0 ? Link(CustomerPages.MyAppointments, text["My appointments"]) : Link("Account/Login", text["Sign in"]) + Link("Account/Register", text["Register"]));
            return links.ToString();
        });

    /// <summary>What follows the antiforgery token in the sign-out form.</summary>
    public static MarkupString SignOutButton(IStringLocalizer<PortalText> text) =>
        SharedMarkup.Get(typeof(ChromeMarkup), nameof(SignOutButton), 0, text, static (text, _) =>
            $"""<input type="hidden" name="ReturnUrl" value=""><button type="submit" class="nav-link nav-button">{SharedMarkup.Encode(text["Sign out"])}</button>""");

    /// <summary>
    /// The language and theme links. Other languages and the other theme: the /culture and /theme endpoints
    /// store the choice in a cookie and come back to this page (its Referer: the links carry no path, so a
    /// page's address never appears in its own markup); target="_top" makes it a real page load, so the new
    /// circuit starts in the chosen language and every part of the page takes the theme.
    /// </summary>
    public static MarkupString Switches(IStringLocalizer<PortalText> text, bool dark) =>
        SharedMarkup.Get(typeof(ChromeMarkup), nameof(Switches), dark ? 1 : 0, text, static (text, choice) =>
        {
            var dark = choice == 1;
            var markup = new StringBuilder();
            markup.Append($"""<span class="language-switch" role="group" aria-label="{SharedMarkup.Encode(text["Language"])}">""");
            foreach (var (culture, name) in PortalCultures.Choices)
            {
                var lang = SharedMarkup.Encode(culture);
                markup.Append(CultureInfo.GetCultureInfo(culture).TwoLetterISOLanguageName == PortalCultures.HtmlLanguage
                    ? $"""<span class="nav-link current-language" lang="{lang}" aria-current="true">{SharedMarkup.Encode(name)}</span>"""
                    : $"""<a class="nav-link" href="culture?culture={SharedMarkup.Encode(Uri.EscapeDataString(culture))}" target="_top" lang="{lang}" hreflang="{lang}" data-testid="language-{lang}">{SharedMarkup.Encode(name)}</a>""");
            }

            markup.Append("</span>");
            markup.Append($"""<a class="nav-link" href="theme?mode={(dark ? "light" : "dark")}" target="_top" data-testid="theme-switch">{SharedMarkup.Encode(dark ? text["Light mode"] : text["Dark mode"])}</a>""");
            return markup.ToString();
        });

    /// <summary>
    /// After the layout: the flag browser tests (and curious operators) read to see when the page has become
    /// interactive, and the box blazor.web.js shows when a circuit fails. A page prerendered for a circuit
    /// says so (data-circuit="starting") until the circuit has drawn it: navigation.js turns a link tapped
    /// in that time into a page load.
    /// </summary>
    public static MarkupString PageEnd(IStringLocalizer<PortalText> text, bool interactive, bool circuitStarting) =>
        SharedMarkup.Get(typeof(ChromeMarkup), nameof(PageEnd), interactive ? 1 : circuitStarting ? 2 : 0, text, static (text, choice) =>
            $"""<span hidden id="render-mode" data-interactive="{(choice == 1 ? "true" : "false")}"{(choice == 2 ? " data-circuit=\"starting\"" : "")}></span>"""
            + $"""<div id="blazor-error-ui" data-nosnippet role="alert">{SharedMarkup.Encode(text["Something went wrong on this page."])} """
            + $"""<a href="." class="reload">{SharedMarkup.Encode(text["Reload"])}</a> <button type="button" class="dismiss" aria-label="{SharedMarkup.Encode(text["Dismiss"])}">✕</button></div>""");

    private static string Link(string href, string label) => $"""<a href="{href}" class="{NavLink}">{SharedMarkup.Encode(label)}</a>""";
}
