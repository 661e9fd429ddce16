using System.Globalization;

namespace BookingPortal.Tests.EndToEnd;

/// <summary>What a customer does with the book page's date picker.</summary>
public static class DatePicker
{
    /// <summary>
    /// A day other than the selected one with a time still free. The journeys share one portal, and those before have
    /// filled the first days: they book there, and the time-off journey sends a specialist away three days ahead. A full
    /// day stays pickable, struck through, and shows only full times (CI failed two journeys so on a Sunday afternoon).
    /// </summary>
    public const string DayWithFreeTime =
        "button.mud-picker-calendar-day:not([disabled]):not(.mud-hidden):not(.mud-selected):not(.fully-booked)";

    public const string NextMonth = "button.mud-picker-nav-button-next";

    private const string PreviousMonth = "button.mud-picker-nav-button-prev";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Clicks a day other than the selected one with a time still free, as a customer passes over struck-through days.</summary>
    public static async Task PickAnotherDayAsync(IPage page)
    {
        if (await page.Locator(DayWithFreeTime).CountAsync() == 0)
        {
            await TurnAsync(page, () => page.Locator(NextMonth).ClickAsync());
        }

        await page.Locator(DayWithFreeTime).First.ClickAsync();
    }

    /// <summary>Turns the month (a click, or Enter on the button) and waits until the new month is drawn.</summary>
    public static async Task TurnAsync(IPage page, Func<Task> turn)
    {
        var shown = await Header(page).InnerTextAsync();
        await turn();
        await Assertions.Expect(Header(page)).Not.ToHaveTextAsync(shown);
    }

    /// <summary>
    /// Turns the date picker, back or forward, until it shows the month of the given date (at most a few turns). The
    /// picker opens on its first free day, which can lie in the month after the date wanted (a full last day of a month).
    /// </summary>
    public static async Task ShowMonthOfAsync(IPage page, DateOnly date)
    {
        var wanted = new DateOnly(date.Year, date.Month, 1);
        for (var turns = 0; turns <= 3; turns++)
        {
            var shown = ShownMonth(await Header(page).InnerTextAsync());
            if (shown == wanted)
            {
                return;
            }

            await TurnAsync(page, () => page.Locator(shown < wanted ? NextMonth : PreviousMonth).ClickAsync());
        }

        throw new InvalidOperationException($"The date picker did not reach {wanted:yyyy-MM} in three turns.");
    }

    private static ILocator Header(IPage page) => page.Locator(".mud-picker-calendar-header-transition");

    /// <summary>The month a header such as "December 2026" names; its order follows the page's culture, so both parts are looked for.</summary>
    private static DateOnly ShownMonth(string header)
    {
        var year = int.Parse(System.Text.RegularExpressions.Regex.Match(header, @"\d{4}").Value, CultureInfo.InvariantCulture);
        var month = Enumerable.Range(1, 12).First(m => header.Contains(English.DateTimeFormat.GetMonthName(m), StringComparison.Ordinal));
        return new DateOnly(year, month, 1);
    }
}
