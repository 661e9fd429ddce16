namespace BookingPortal.Features.Practitioners;

/// <summary>
/// Dates and times as the browser's own date and time inputs give and take them (yyyy-MM-dd, HH:mm), whatever
/// the page's language, so every browser offers its native picker and the server gets exact values.
/// </summary>
public static class FormValues
{
    public static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Iso(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static TimeOnly? Time(string? value) =>
        TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}
