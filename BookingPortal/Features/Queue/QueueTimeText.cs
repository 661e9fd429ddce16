using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Queue;

/// <summary>Times around a waiting room and its draw, told in the service's zone (as every time in the room is) and the visitor's language.</summary>
public static class QueueTimeText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>When a paced entry starts to count, to the second: the pause is short, so minutes alone would often read as "now".</summary>
    public static string CountsFrom(IStringLocalizer<PortalText> text, DateTime countsFromUtc, string timeZoneId, CultureInfo culture)
    {
        var local = InZone(countsFromUtc, timeZoneId);
        var time = culture.TwoLetterISOLanguageName == "en" ? local.ToString("h:mm:ss tt", English) : local.ToString("T", culture);
        return text["Your entry counts from {0}, {1}.", time, text.ZoneName(timeZoneId)];
    }

    /// <summary>"Monday 2 March 2026, 9:00 AM New York time (America/New_York)".</summary>
    public static string Moment(IStringLocalizer<PortalText> text, DateTime utc, string timeZoneId, CultureInfo culture)
    {
        var local = InZone(utc, timeZoneId);
        return $"{DisplayFormat.Date(local, culture)}, {DisplayFormat.Time(local, culture)} {text.ZoneName(timeZoneId)}";
    }

    private static DateTimeOffset InZone(DateTime utc, string timeZoneId) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), TimeZoneCache.Find(timeZoneId));
}
