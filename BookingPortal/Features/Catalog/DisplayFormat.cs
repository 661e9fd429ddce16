using System.Collections.Concurrent;
using System.Globalization;

namespace BookingPortal.Features.Catalog;

/// <summary>How times, zones and money read on screen and in messages.</summary>
public static class DisplayFormat
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly ConcurrentDictionary<string, CultureInfo> CurrencyCultures = new();

    /// <summary>"New York time (America/New_York)": the city people recognise plus the exact zone.</summary>
    public static string ZoneName(string timeZoneId)
    {
        var city = timeZoneId.Split('/')[^1].Replace('_', ' ');
        return $"{city} time ({timeZoneId})";
    }

    public static string Date(DateTimeOffset local) => local.ToString("dddd d MMMM yyyy", English);

    public static string ShortDate(DateTimeOffset local) => local.ToString("ddd d MMM yyyy", English);

    public static string Time(DateTimeOffset local) => local.ToString("h:mm tt", English);

    public static string TimeRange(DateTimeOffset start, DateTimeOffset end) => $"{Time(start)} – {Time(end)}";

    public static string Money(decimal amount, string currency)
    {
        var culture = CurrencyCultures.GetOrAdd(currency, FindCulture);
        return amount.ToString("C", culture);
    }

    private static CultureInfo FindCulture(string currency)
    {
        // Prefer an English culture that uses the currency so "$" and "€" render as people expect.
        var candidates = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Where(c => !c.IsNeutralCulture && c.Name.Length > 0)
            .Where(c =>
            {
                try
                {
                    return new RegionInfo(c.Name).ISOCurrencySymbol == currency;
                }
                catch (ArgumentException)
                {
                    return false;
                }
            })
            .ToList();
        var culture = candidates.FirstOrDefault(c => c.Name == "en-US")
            ?? candidates.FirstOrDefault(c => c.TwoLetterISOLanguageName == "en")
            ?? candidates.FirstOrDefault();
        if (culture is not null)
        {
            return culture;
        }

        var fallback = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        fallback.NumberFormat.CurrencySymbol = currency + " ";
        return fallback;
    }
}
