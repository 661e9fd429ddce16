namespace BookingPortal.Tests.EndToEnd;

/// <summary>What a customer does with the book page's date picker.</summary>
public static class DatePicker
{
    private const string EnabledDay = "button.mud-picker-calendar-day:not([disabled]):not(.mud-hidden):not(.mud-selected)";

    /// <summary>Clicks a bookable day other than the selected one, turning to the next month when this one has no other.</summary>
    public static async Task PickAnotherDayAsync(IPage page)
    {
        if (await page.Locator(EnabledDay).CountAsync() == 0)
        {
            await page.Locator("button.mud-picker-nav-button-next").ClickAsync();
        }

        await page.Locator(EnabledDay).First.ClickAsync();
    }

    /// <summary>Turns the date picker forward until it shows the month of the given date (at most a few months).</summary>
    public static async Task ShowMonthOfAsync(IPage page, DateOnly date)
    {
        // The header's order follows the page's culture ("November 2026" in en-US), so look for both parts.
        var month = date.ToString("MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-US"));
        var year = date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        bool Shown(string header) => header.Contains(month, StringComparison.Ordinal) && header.Contains(year, StringComparison.Ordinal);
        for (var turns = 0; turns < 3 && !Shown(await page.Locator(".mud-picker-calendar-header-transition").InnerTextAsync()); turns++)
        {
            await page.Locator("button.mud-picker-nav-button-next").ClickAsync();
        }
    }
}
