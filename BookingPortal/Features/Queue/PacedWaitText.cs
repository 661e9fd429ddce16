using System.Globalization;
using BookingPortal.Domain;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;
using Microsoft.Extensions.Localization;

namespace BookingPortal.Features.Queue;

/// <summary>
/// When a paced entry starts to count, told in the service's zone as every other time in the waiting
/// room is, to the second (the pause is short, so minutes alone would often read as "now").
/// </summary>
public static class PacedWaitText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string CountsFrom(IStringLocalizer<PortalText> text, DateTime countsFromUtc, string timeZoneId, CultureInfo culture)
    {
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(countsFromUtc, DateTimeKind.Utc)), TimeZoneCache.Find(timeZoneId));
        var time = culture.TwoLetterISOLanguageName == "en" ? local.ToString("h:mm:ss tt", English) : local.ToString("T", culture);
        return text["Your entry counts from {0}, {1}.", time, text.ZoneName(timeZoneId)];
    }
}
