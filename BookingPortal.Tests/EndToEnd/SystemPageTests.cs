namespace BookingPortal.Tests.EndToEnd;

/// <summary>The staff System page in a browser: a booking made meanwhile shows up live, read from the portal's own meters.</summary>
public class SystemPageTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task A_booking_made_while_staff_watch_the_System_page_shows_in_its_live_figures()
    {
        var staff = await browser.NewSignedInPageAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword, "admin/system");
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "System", Level = 1 })).ToBeVisibleAsync();

        var customer = await browser.NewPageAsync();
        await BrowserFixture.RegisterAsync(customer, $"system-{Guid.NewGuid():N}@example.com");
        await BrowserFixture.BookFirstFreeSlotAsync(customer, 1);

        // Refreshed every 2 s, without a reload: the booking counter, its latency and the database's.
        await Assertions.Expect(staff.Locator("[data-testid=booked] p").First).Not.ToHaveTextAsync("0");
        await Assertions.Expect(staff.Locator("[data-testid=booking-latency] p").First).ToContainTextAsync(" ms");
        await Assertions.Expect(staff.Locator("[data-testid=database-latency] p").First).ToContainTextAsync(" ms");
        await Assertions.Expect(staff.Locator("[data-testid=circuits] p").First).Not.ToHaveTextAsync("0");
        await BrowserFixture.ScreenshotAsync(staff, "staff-1280-system");
    }
}
