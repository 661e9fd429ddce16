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
        var local = ZoneText.InZone(countsFromUtc, timeZoneId);
        var time = culture.TwoLetterISOLanguageName == "en" ? local.ToString("h:mm:ss tt", English) : local.ToString("T", culture);
        return text["Your entry counts from {0}, {1}.", time, text.ZoneName(timeZoneId)];
    }
}
