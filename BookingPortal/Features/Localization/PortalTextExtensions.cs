using BookingPortal.Features.Catalog;
using Microsoft.Extensions.Localization;

namespace BookingPortal.Features.Localization;

public static class PortalTextExtensions
{
    /// <summary>"New York time (America/New_York)" in the customer's language: the city people recognise plus the exact zone.</summary>
    public static string ZoneName(this IStringLocalizer<PortalText> text, string timeZoneId) =>
        text["{0} time ({1})", DisplayFormat.City(timeZoneId), timeZoneId];
}
