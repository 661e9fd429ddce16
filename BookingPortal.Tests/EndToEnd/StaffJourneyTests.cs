using System.Globalization;

namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// A receptionist's day in Chromium, on the shared portal whose clock the journeys move forward
/// (POST /testing/clock), so the no-show grace period passes without waiting for it.
/// </summary>
public class StaffJourneyTests(BrowserFixture browser, ClockPortalFixture clock) : EndToEndTest
{
    [Fact]
    public async Task Staff_create_a_service_a_customer_books_twice_one_visit_is_checked_in_and_the_other_becomes_a_no_show()
    {
        var portal = await clock.PortalAsync();
        var name = $"Physio {Guid.NewGuid():N}"[..14];
        var staff = await browser.NewPageAsync(portal: portal);
        await BrowserFixture.SignInAsync(staff, DemoSeeder.StaffEmail, DemoSeeder.StaffPassword);
        var serviceId = await CreateServiceAsync(staff, name);

        var customer = await browser.NewPageAsync(width: 390, height: 844, portal: portal);
        await BrowserFixture.SignInAsync(customer, DemoSeeder.CustomerEmail, DemoSeeder.CustomerPassword);
        var first = await BrowserFixture.BookFirstFreeSlotAsync(customer, serviceId, portal);
        var second = await BrowserFixture.BookFirstFreeSlotAsync(customer, serviceId, portal);
        var (firstStart, secondStart) = await StartsAsync(portal, first, second);

        await clock.MoveClockAsync(firstStart.AddMinutes(5));
        await BrowserFixture.OpenInteractiveAsync(staff, "admin/today");
        await staff.GetByRole(AriaRole.Button, new() { NameRegex = new($"Check in .*\\({first}\\)") }).ClickAsync();
        await Assertions.Expect(staff.Locator("tr", new() { HasText = first })).ToContainTextAsync("Checked in");
        await BrowserFixture.ScreenshotAsync(staff, "31-front-desk-checked-in");

        await clock.MoveClockAsync(secondStart.AddMinutes(20));
        await using (var db = portal.OpenDatabase())
        {
            // The clock move triggers every job at once; on a busy machine the sweep's turn may take a while.
            (await Poll.UntilAsync(async () => await db.Bookings.AsNoTracking().Where(b => b.ConfirmationNumber == second).Select(b => b.Status).SingleAsync() == BookingStatus.NoShow,
                TimeSpan.FromSeconds(60))).Should().BeTrue("the no-show sweep the clock move triggered marks the missed visit");
        }

        await staff.GotoAsync($"admin/appointments/{second}");
        await Assertions.Expect(staff.Locator("[data-testid=appointment-status]")).ToHaveTextAsync("NoShow");
        await Assertions.Expect(staff.Locator("[data-testid=history]")).ToContainTextAsync("No-show: deposit forfeited");
        await BrowserFixture.ScreenshotAsync(staff, "32-appointment-no-show");
    }

    private static async Task<int> CreateServiceAsync(IPage staff, string name)
    {
        await BrowserFixture.OpenInteractiveAsync(staff, "admin/services/new");
        await staff.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await staff.GetByLabel("Price").FillAsync("90");
        await staff.GetByLabel("Minimum notice (hours)").FillAsync("0");
        await staff.GetByLabel("Address").FillAsync("2 Harbour Road");
        // Every day of the week, so the test finds a slot whatever weekday it runs on.
        await CheckWeekendAsync(staff, "Service");
        await CheckWeekendAsync(staff, "Slot 1");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Add a slot" }).ClickAsync();
        await Assertions.Expect(staff.Locator("[data-testid=slot-row]")).ToHaveCountAsync(2);

        // One seat a slot, so the customer's second booking takes the next time whatever the hour. With two seats in the
        // second slot, from 09:00 to 10:00 in New York both bookings' first free time was today's 10:00, which one
        // customer cannot book twice, and the test failed in that hour of every day.
        await staff.GetByLabel("Slot 2 seats").FillAsync("1");
        await BrowserFixture.ScreenshotAsync(staff, "30-new-service");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Save service" }).ClickAsync();
        await BrowserFixture.WaitForAddressAsync(staff, new System.Text.RegularExpressions.Regex("/admin/services/\\d+$"));
        return int.Parse(staff.Url.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private static async Task CheckWeekendAsync(IPage staff, string owner)
    {
        foreach (var day in new[] { "Saturday", "Sunday" })
        {
            await staff.GetByRole(AriaRole.Checkbox, new() { Name = $"{owner}: {day}", Exact = true }).CheckAsync();
        }
    }

    private static async Task<(DateTime First, DateTime Second)> StartsAsync(PortalProcess portal, string first, string second)
    {
        await using var db = portal.OpenDatabase();
        var starts = await db.Bookings.AsNoTracking().Where(b => b.ConfirmationNumber == first || b.ConfirmationNumber == second)
            .ToDictionaryAsync(b => b.ConfirmationNumber, b => b.StartUtc);
        return (starts[first], starts[second]);
    }
}
