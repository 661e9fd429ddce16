namespace BookingPortal.Tests.EndToEnd;

public class WaitlistJourneyTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task A_customer_joins_the_waitlist_for_a_fully_booked_day_and_sees_it_in_my_appointments()
    {
        var fullDay = await FillFirstVideoDayAsync();
        var videoId = await VideoServiceIdAsync();
        var page = await browser.NewSignedInPageAsync(DemoSeeder.CustomerEmail, DemoSeeder.CustomerPassword, $"services/{videoId}/book");
        var struck = page.Locator("button.mud-picker-calendar-day.fully-booked:not(.mud-hidden)");
        await DatePicker.ShowMonthOfAsync(page, fullDay);
        await Assertions.Expect(struck.First).ToHaveTextAsync(fullDay.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await struck.First.ClickAsync();
        await Assertions.Expect(page.Locator("button.slot-button.slot-full")).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist for this day" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You're on the waitlist");
        await BrowserFixture.ScreenshotAsync(page, "09-waitlist-joined");

        await page.GotoAsync("my/appointments");
        await Assertions.Expect(page.Locator("[data-testid=waitlist-entry]")).ToContainTextAsync("waiting for");
        await BrowserFixture.ScreenshotAsync(page, "10-waitlist-in-my-appointments");
    }

    /// <summary>Marks every seat of the video service's first bookable weekday as taken, straight in the app's database.</summary>
    private async Task<DateOnly> FillFirstVideoDayAsync()
    {
        await using var db = browser.Portal.OpenDatabase();
        var service = await db.Services.Include(s => s.TimeSlots).SingleAsync(s => s.Name == DemoSeeder.VideoConsultationName);
        var (first, last) = BookingRules.BookableDates(service, DateTime.UtcNow);
        var day = SlotSchedule.ForRange(service, first, last)
            .Where(s => BookingRules.CheckWindow(service, s.StartUtc, DateTime.UtcNow) is null)
            .GroupBy(s => s.LocalDate)
            .First(g => g.Count() == service.TimeSlots.Count);
        foreach (var slot in day)
        {
            db.SlotInventories.Add(new SlotInventory
            {
                ServiceId = service.Id,
                StartUtc = slot.StartUtc,
                EndUtc = slot.EndUtc,
                Capacity = slot.Capacity,
                Booked = slot.Capacity,
            });
        }

        await db.SaveChangesAsync();
        return day.Key;
    }

    private async Task<int> VideoServiceIdAsync()
    {
        await using var db = browser.Portal.OpenDatabase();
        return await db.Services.Where(s => s.Name == DemoSeeder.VideoConsultationName).Select(s => s.Id).SingleAsync();
    }
}
