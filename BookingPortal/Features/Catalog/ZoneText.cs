using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Catalog;

/// <summary>Beside <see cref="DisplayFormat"/>, whose city names it uses: the portal's texts do not depend on the catalogue.</summary>
public static class ZoneText
{
    /// <summary>"New York time (America/New_York)" in the customer's language: the city people recognise plus the exact zone.</summary>
    public static string ZoneName(this IStringLocalizer<PortalText> text, string timeZoneId) =>
        text["{0} time ({1})", DisplayFormat.City(timeZoneId), timeZoneId];
}
