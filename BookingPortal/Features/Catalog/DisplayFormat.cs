namespace BookingPortal.Features.Catalog;

/// <summary>How times, zones and money read on screen and in messages.</summary>
public static class DisplayFormat
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly ConcurrentDictionary<string, CultureInfo> CurrencyCultures = new();

    /// <summary>"New York time (America/New_York)": the city people recognise plus the exact zone.</summary>
    public static string ZoneName(string timeZoneId)
    {
        return $"{City(timeZoneId)} time ({timeZoneId})";
    }

    /// <summary>"New York": the short name used where both the service's and the customer's time are shown.</summary>
    public static string City(string timeZoneId) => timeZoneId.Split('/')[^1].Replace('_', ' ');

    // Customer pages pass the visitor's culture; e-mails, audit text and staff pages keep the portal's English.
    public static string Date(DateTimeOffset local, CultureInfo? culture = null) =>
        IsEnglish(culture) ? local.ToString("dddd d MMMM yyyy", English) : local.ToString("D", culture);

    public static string ShortDate(DateTimeOffset local, CultureInfo? culture = null) =>
        IsEnglish(culture) ? local.ToString("ddd d MMM yyyy", English) : local.ToString("ddd d MMM yyyy", culture);

    /// <summary>"Mon 7 Dec": a day heading in a week, where the year is said once above.</summary>
    public static string DayAndMonth(DateOnly date, CultureInfo? culture = null) =>
        date.ToString("ddd d MMM", IsEnglish(culture) ? English : culture);

    public static string Time(DateTimeOffset local, CultureInfo? culture = null) =>
        IsEnglish(culture) ? local.ToString("h:mm tt", English) : local.ToString("t", culture);

    public static string TimeRange(DateTimeOffset start, DateTimeOffset end, CultureInfo? culture = null) =>
        $"{Time(start, culture)} – {Time(end, culture)}";

    /// <summary>
    /// "9:00 AM – 10:00 AM New York · 3:00 PM – 4:00 PM Berlin": the appointment in the service's zone, and
    /// in the customer's own zone when their clock reads differently at that moment (with the date when
    /// that differs too). Just the service's time when the customer's zone is unknown or reads the same.
    /// </summary>
    public static string TimeInZones(DateTime startUtc, DateTime endUtc, string serviceZoneId, string? customerZoneId, CultureInfo? culture = null)
    {
        var serviceZone = TimeZoneCache.Find(serviceZoneId);
        var serviceStart = TimeZoneInfo.ConvertTime(new DateTimeOffset(startUtc, TimeSpan.Zero), serviceZone);
        var serviceEnd = TimeZoneInfo.ConvertTime(new DateTimeOffset(endUtc, TimeSpan.Zero), serviceZone);
        var inService = $"{TimeRange(serviceStart, serviceEnd, culture)} {City(serviceZoneId)}";
        if (!TimeZoneCache.TryFind(customerZoneId, out var customerZone))
        {
            return inService;
        }

        var customerStart = TimeZoneInfo.ConvertTime(serviceStart, customerZone);
        if (customerStart.Offset == serviceStart.Offset)
        {
            return inService;
        }

        var customerEnd = TimeZoneInfo.ConvertTime(serviceEnd, customerZone);
        var otherDay = customerStart.Date != serviceStart.Date ? $" ({ShortDate(customerStart, culture)})" : "";
        return $"{inService} · {TimeRange(customerStart, customerEnd, culture)} {City(customerZoneId)}{otherDay}";
    }

    /// <summary>The amount with its currency's symbol, in the digits and order of the given culture (English by default).</summary>
    public static string Money(decimal amount, string currency, CultureInfo? culture = null)
    {
        var currencyCulture = CurrencyCultures.GetOrAdd(currency, FindCulture);
        if (IsEnglish(culture))
        {
            return amount.ToString("C", currencyCulture);
        }

        var format = (NumberFormatInfo)culture!.NumberFormat.Clone();
        format.CurrencySymbol = currencyCulture.NumberFormat.CurrencySymbol;
        format.CurrencyDecimalDigits = currencyCulture.NumberFormat.CurrencyDecimalDigits;
        return amount.ToString("C", format);
    }

    private static bool IsEnglish(CultureInfo? culture) => culture is null || culture.TwoLetterISOLanguageName is "en" or "iv";

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
