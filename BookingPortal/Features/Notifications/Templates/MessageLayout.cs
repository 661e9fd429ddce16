using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace BookingPortal.Features.Notifications.Templates;

/// <summary>
/// The frame around a template's HTML body: e-mail clients ignore style sheets, so every style is
/// inline and the layout is one centred column. Staff edit what goes inside the card, not the frame.
/// </summary>
public static class MessageLayout
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Wrap(string title, string body, MessageFacts facts)
    {
        var spanish = facts.Language == MessageLanguage.Spanish;
        var portal = Html.Encode(facts.PortalBaseUri.ToString());
        var clinic = Html.Encode(facts.ClinicName);
        var footer = spanish
            ? $"Recibe este mensaje porque reservó a través de <a href=\"{portal}\" style=\"color:#7b8794;\">{clinic}</a>."
            : $"You get this message because you booked through <a href=\"{portal}\" style=\"color:#7b8794;\">{clinic}</a>.";
        return $"""
            <!DOCTYPE html>
            <html lang="{facts.Language}">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{Html.Encode(title)}</title>
            </head>
            <body style="margin:0;padding:0;background:#f4f5f7;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2933;">
                <div style="max-width:560px;margin:0 auto;padding:24px 16px;">
                    <p style="margin:0 0 16px;font-size:14px;color:#52606d;">{clinic}</p>
                    <div style="background:#ffffff;border-radius:8px;padding:24px;">
                        <h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">{Html.Encode(title)}</h1>
            {body}
                    </div>
                    <p style="margin:16px 0 0;font-size:12px;color:#7b8794;">{footer}</p>
                </div>
            </body>
            </html>
            """;
    }
}
