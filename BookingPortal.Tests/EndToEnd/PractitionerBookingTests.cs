using BookingPortal.Tests.Integration.Practitioners;

namespace BookingPortal.Tests.EndToEnd;

public class PractitionerBookingTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task A_customer_picks_a_named_practitioner_books_and_sees_them_on_the_confirmation_and_in_my_appointments()
    {
        // A service of its own, written to the shared portal's database: the demo's services stay as the other journeys expect them.
        var serviceId = await SeedServiceWithTwoPractitionersAsync();
        var page = await browser.NewPageAsync();
        await BrowserFixture.RegisterAsync(page, $"e2e-practitioner-{Guid.NewGuid():N}@example.com");

        await page.GotoAsync($"services/{serviceId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book with Dr. Omar Vega" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Book Named consultation" }).WaitForAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=practitioner-picker] button[aria-pressed=true]")).ToContainTextAsync("Dr. Omar Vega");
        await page.Locator("button.slot-button:not([disabled])").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();

        await BrowserFixture.WaitForAddressAsync(page, "**/bookings/*");
        await Assertions.Expect(page.Locator("[data-testid=practitioner]")).ToHaveTextAsync("Dr. Omar Vega");
        await BrowserFixture.ScreenshotAsync(page, "practitioner-confirmation");
        await page.GetByRole(AriaRole.Link, new() { Name = "View my appointments" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=appointment-practitioner]").First).ToContainTextAsync("Dr. Omar Vega");
    }

    private async Task<int> SeedServiceWithTwoPractitionersAsync()
    {
        await using var db = browser.Portal.OpenDatabase();
        var service = PractitionerSetup.Service("Named consultation", 60, 2);
        db.Services.Add(service);
        await db.SaveChangesAsync();
        db.Practitioners.AddRange(PractitionerSetup.WorkingEveryDay("Dr. Ana Ruiz", service), PractitionerSetup.WorkingEveryDay("Dr. Omar Vega", service));
        await db.SaveChangesAsync();
        return service.Id;
    }
}
