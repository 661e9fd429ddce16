using Ical.Net;

namespace BookingPortal.Tests.EndToEnd;

public class CustomerBookingTests(BrowserFixture browser) : EndToEndTest
{
    private const string ConfirmationPattern = "^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$";

    [Fact]
    public async Task Dotnet_run_serves_the_portal_with_the_demo_services()
    {
        using var http = new HttpClient { BaseAddress = browser.Portal.BaseUri };

        var response = await http.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain(DemoSeeder.ConsultationName);
        browser.Portal.Output.Should().Contain("Now listening on");
    }

    [Fact]
    public async Task A_new_customer_registers_books_gets_a_calendar_file_and_cancels_and_staff_see_both_messages_in_the_outbox()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        var email = $"e2e-{Guid.NewGuid():N}@example.com";

        await BrowserFixture.RegisterAsync(page, email, screenshot: "01-register");

        // The list and the service's page are static (no circuit): their links are followed at once.
        await page.GotoAsync("services");
        await BrowserFixture.ScreenshotAsync(page, "02-services");
        await page.GetByRole(AriaRole.Link, new() { Name = $"View times for {DemoSeeder.ConsultationName}" }).ClickAsync();
        // The page's own heading (h1): the list names the service in a card heading too.
        await page.GetByRole(AriaRole.Heading, new() { Name = DemoSeeder.ConsultationName, Level = 1 }).WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "03-service");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book a time" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = $"Book {DemoSeeder.ConsultationName}" }).WaitForAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        var firstDayShown = await page.Locator("[data-testid=selected-date]").TextContentAsync();
        await DatePicker.PickAnotherDayAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=selected-date]")).Not.ToHaveTextAsync(firstDayShown!);
        await page.Locator("button.slot-button:not([disabled])").First.ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "04-pick-date-and-time");
        await Assertions.Expect(page.Locator("[data-testid=deposit-due]")).ToHaveTextAsync("$50.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();

        await BrowserFixture.WaitForAddressAsync(page, "**/bookings/*");
        var number = (await page.Locator("[data-testid=confirmation-number]").TextContentAsync())!.Trim();
        number.Should().MatchRegex(ConfirmationPattern);
        // The circuit navigated here: the title and the focus follow it as they would after a page load.
        await Assertions.Expect(page).ToHaveTitleAsync($"Booking {number} · BookingPortal");
        await Assertions.Expect(page.Locator("main h1").First).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(page, "05-confirmation");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Add to calendar (.ics)" }).ClickAsync());
        var calendar = Calendar.Load(await File.ReadAllTextAsync((await download.PathAsync())!))!;
        var appointment = calendar.Events.Single();
        appointment.Summary.Should().Be(DemoSeeder.ConsultationName);
        appointment.DtStart!.TzId.Should().Be("America/New_York");
        appointment.Description.Should().Contain(number);

        await page.GetByRole(AriaRole.Link, new() { Name = "View my appointments" }).ClickAsync();
        await Assertions.Expect(page.GetByText(number)).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("My appointments · BookingPortal");
        await BrowserFixture.ScreenshotAsync(page, "06-my-appointments");

        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Cancel booking {number}" }).ClickAsync();
        var terms = page.Locator("[data-testid=cancel-terms]");
        await Assertions.Expect(terms).ToContainTextAsync("$50.00");
        await BrowserFixture.ScreenshotAsync(page, "07-cancel-dialog");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel booking" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Booking {number} is cancelled");
        await Assertions.Expect(page.Locator("[data-testid=money-note]")).ToContainTextAsync("released");
        await BrowserFixture.ScreenshotAsync(page, "08-cancelled");

        // The portal runs without provider keys here, so both messages wait in the outbox for staff to see.
        var staff = await browser.NewSignedInPageAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword, "admin/outbox");
        await staff.GetByLabel("Recipient or subject").FillAsync(number);
        var rows = staff.Locator("[data-testid=outbox-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Filter(new() { HasText = "BookingConfirmation" })).ToContainTextAsync(email);
        await Assertions.Expect(rows.Filter(new() { HasText = "Cancellation" })).ToContainTextAsync("Pending");
        await rows.Filter(new() { HasText = "BookingConfirmation" }).GetByRole(AriaRole.Button, new() { Name = "View message" }).ClickAsync();
        await Assertions.Expect(staff.Locator("[data-testid=outbox-detail]")).ToContainTextAsync($"Confirmation number: {number}");
        await BrowserFixture.ScreenshotAsync(staff, "10-admin-outbox");
    }
}
