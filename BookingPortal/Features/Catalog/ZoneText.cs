using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Catalog;

/// <summary>Beside <see cref="DisplayFormat"/>, whose city names it uses: the portal's texts do not depend on the catalogue.</summary>
public static class ZoneText
{
    /// <summary>"New York time (America/New_York)" in the customer's language: the city people recognise plus the exact zone.</summary>
    public static string ZoneName(this IStringLocalizer<PortalText> text, string timeZoneId) =>
        text["{0} time ({1})", DisplayFormat.City(timeZoneId), timeZoneId];

    /// <summary>
    /// "Monday 2 March 2026, 9:00 AM New York time (America/New_York)": a deadline or an opening with the zone
    /// named, so a customer whose own clock reads differently does not take it for theirs.
    /// </summary>
    public static string Moment(this IStringLocalizer<PortalText> text, DateTime utc, string timeZoneId, CultureInfo culture)
    {
        var local = InZone(utc, timeZoneId);
        return $"{DisplayFormat.Date(local, culture)}, {DisplayFormat.Time(local, culture)} {text.ZoneName(timeZoneId)}";
    }

    /// <summary>A stored instant on the zone's clock; the database hands instants back without their kind, and they are all UTC.</summary>
    public static DateTimeOffset InZone(DateTime utc, string timeZoneId) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), TimeZoneCache.Find(timeZoneId));
}
