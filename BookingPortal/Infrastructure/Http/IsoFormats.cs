using System.Text.RegularExpressions;

namespace BookingPortal.Infrastructure.Http;

/// <summary>
/// The only forms the portal reads from requests (API and form posts): dates as ISO <c>yyyy-MM-dd</c>, instants as ISO 8601 with <c>Z</c> or
/// an offset, both between <see cref="EarliestDate"/> and <see cref="LatestDate"/>, so no later
/// arithmetic (a default range, a time zone conversion) can run off the calendar.
/// </summary>
public static partial class IsoFormats
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    public const string DateHint = "a date as yyyy-MM-dd, e.g. 2026-03-04";
    public const string InstantHint = "an ISO 8601 time with 'Z' or an offset, e.g. 2026-03-04T14:00:00Z";

    private static readonly string[] InstantPatterns = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz"];

    /// <returns>The date, or the message that refuses the text.</returns>
    public static (DateOnly? Date, string? Error) Date(string text)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || text.Length != 10)
        {
            return (null, $"'{Shown(text)}' is not a date; give {DateHint}.");
        }

        return date < EarliestDate || date > LatestDate
            ? (null, $"Give a date between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.")
            : (date, null);
    }

    /// <returns>The instant in UTC, or the message that refuses the text.</returns>
    public static (DateTime? Utc, string? Error) Instant(string text)
    {
        if (text.Length <= 40 && LocalTime().IsMatch(text))
        {
            return (null, $"'{text}' has no offset, so the instant is ambiguous; end it with 'Z' for UTC or an offset such as +01:00.");
        }

        if (text.Length > 40 || !Iso8601().IsMatch(text)
            || !DateTimeOffset.TryParseExact(text.EndsWith('Z') ? text[..^1] + "+00:00" : text, InstantPatterns, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return (null, $"'{Shown(text)}' is not {InstantHint}.");
        }

        var utc = instant.UtcDateTime;
        return utc < EarliestDate.ToDateTime(TimeOnly.MinValue) || utc > LatestDate.ToDateTime(TimeOnly.MaxValue)
            ? (null, $"Give a time between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.")
            : (DateTime.SpecifyKind(utc, DateTimeKind.Utc), null);
    }

    /// <summary>Echoes a refused value safely: short, and without control characters.</summary>
    public static string Shown(string text)
    {
        var cleaned = new string(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 40 ? cleaned + "…" : cleaned;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LocalTime();
}
