using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace BookingPortal.Features.Notifications.Templates;

/// <summary>
/// The whole template language: {{name}} is replaced by a value, nothing else happens. No code is
/// compiled or run from what staff write; in HTML bodies every value is HTML-encoded, so a customer
/// named "&lt;script&gt;" reads as text. Anything between double braces that is not a known name is
/// refused when the template is saved. A line whose placeholders are all empty is left out, so a
/// "With: {{practitioner}}" row shows only on services that book practitioners.
/// </summary>
public static partial class Placeholders
{
    public const string CustomerName = "customer_name";
    public const string Service = "service";
    public const string Practitioner = "practitioner";
    public const string Date = "date";
    public const string Time = "time";
    public const string When = "when";
    public const string Location = "location";
    public const string ManageLink = "manage_link";
    public const string ConfirmationNumber = "confirmation_number";
    public const string Clinic = "clinic";
    public const string StartsIn = "starts_in";
    public const string PreviousTime = "previous_time";
    public const string OfferEnds = "offer_ends";
    public const string CancellationSummary = "cancellation_summary";
    public const string GoogleCalendarLink = "google_calendar_link";
    public const string Reason = "reason";
    public const string NextStep = "next_step";
    public const string TurnEnds = "turn_ends";
    public const string ResumeLink = "resume_link";

    /// <summary>The archive message's clause: one place ended, or several (one per day waited for), with its verb agreeing.</summary>
    public const string PlacesEnded = "places_ended";

    public static readonly IReadOnlyList<string> Names =
    [
        CustomerName, Service, Practitioner, Date, Time, When, Location, ManageLink, ConfirmationNumber, Clinic,
        StartsIn, PreviousTime, OfferEnds, CancellationSummary, GoogleCalendarLink, Reason, NextStep, TurnEnds, ResumeLink, PlacesEnded,
    ];

    // Encodes the characters that matter to HTML (< > & " ' and a few more) and leaves letters of every language alone.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Token();

    /// <summary>The names in <paramref name="template"/> that are not placeholders, each once, as written.</summary>
    public static IReadOnlyList<string> Unknown(string? template) => string.IsNullOrEmpty(template)
        ? []
        : Token().Matches(template).Select(m => m.Groups[1].Value.Trim()).Where(name => !Names.Contains(name)).Distinct().ToList();

    /// <summary>Replaces each placeholder by its value (HTML-encoded when <paramref name="html"/>); unknown ones by nothing.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values, bool html) =>
        string.Join('\n', template.Split('\n').Where(line => !AllEmpty(line, values)).Select(line => Token().Replace(line, match =>
        {
            var value = values.GetValueOrDefault(match.Groups[1].Value.Trim(), "");
            return html ? Html.Encode(value) : value;
        })));

    private static bool AllEmpty(string line, IReadOnlyDictionary<string, string> values)
    {
        var tokens = Token().Matches(line);
        return tokens.Count > 0 && tokens.All(m => values.GetValueOrDefault(m.Groups[1].Value.Trim(), "").Length == 0);
    }
}
