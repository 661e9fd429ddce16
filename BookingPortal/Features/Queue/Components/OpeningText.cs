using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Queue.Components;

/// <summary>How the waiting room words an opening's countdown and a release's dates, in the reader's language.</summary>
internal static class OpeningText
{
    public static string Countdown(TimeSpan left, IStringLocalizer<PortalText> text) =>
        left <= TimeSpan.Zero ? text["a moment"]
        : left.TotalDays >= 1 ? text["{0} d {1} h", (int)left.TotalDays, left.Hours]
        : left.TotalHours >= 1 ? text["{0} h {1} min", (int)left.TotalHours, left.Minutes]
        : text["{0} min {1} s", left.Minutes, left.Seconds];

    public static string Range(SlotDateRange range, IStringLocalizer<PortalText> text) => range switch
    {
        { From: { } from, Until: { } until } => text["from {0} to {1}", Day(from), Day(until)],
        { From: { } from } => text["from {0}", Day(from)],
        { Until: { } until } => text["until {0}", Day(until)],
        _ => "",
    };

    private static string Day(DateOnly date) => DisplayFormat.Date(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), CultureInfo.CurrentCulture);
}
