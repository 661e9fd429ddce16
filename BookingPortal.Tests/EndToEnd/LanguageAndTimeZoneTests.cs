namespace BookingPortal.Tests.EndToEnd;

public class LanguageAndTimeZoneTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task A_customer_in_Berlin_switches_to_Spanish_which_persists_across_pages_and_sees_the_time_in_New_York_and_Berlin()
    {
        var page = await browser.NewPageAsync(360, 640, timeZoneId: "Europe/Berlin");
        await BrowserFixture.RegisterAsync(page, $"es-{Guid.NewGuid():N}@example.com");

        await page.GotoAsync("services");
        await page.GetByTestId("language-es-ES").ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Reserve una cita" }).WaitForAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("es");

        // The choice is a cookie: a fresh navigation, and the interactive circuit it starts, stay in Spanish.
        await BrowserFixture.OpenInteractiveAsync(page, "services/1/book");
        await page.GetByRole(AriaRole.Heading, new() { Name = "1. Elija una fecha" }).WaitForAsync();
        await page.Locator("button.slot-button:not([disabled])").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("deposit-due")).ToHaveTextAsync("50,00 $");
        await Assertions.Expect(page.GetByTestId("appointment-time")).ToContainTextAsync(new Regex(@"New York · \d{1,2}:00 – \d{1,2}:00 Berlin"));
        await BrowserFixture.ScreenshotAsync(page, "360-es-book-summary");
        var findings = new List<string>();
        await AccessibilityTests.ScanAsync(page, "spanish book summary", findings);
        findings.Should().BeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Reservar", Exact = true }).ClickAsync();
        await BrowserFixture.WaitForAddressAsync(page, "**/bookings/*");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Su cita está reservada.");
        await Assertions.Expect(page.GetByTestId("appointment-time")).ToContainTextAsync("Berlin");
        await BrowserFixture.ScreenshotAsync(page, "360-es-confirmation");

        await page.GetByTestId("language-en-US").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your appointment is booked.");
    }
}
