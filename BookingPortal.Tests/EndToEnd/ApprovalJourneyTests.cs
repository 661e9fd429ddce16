namespace BookingPortal.Tests.EndToEnd;

public class ApprovalJourneyTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task A_customer_requests_a_service_that_needs_approval_staff_approve_it_and_the_customer_sees_it_booked()
    {
        var serviceId = await ApprovalServiceAsync();
        var customer = await browser.NewPageAsync();
        await BrowserFixture.RegisterAsync(customer, $"e2e-approval-{Guid.NewGuid():N}@example.com");
        var number = await BrowserFixture.BookFirstFreeSlotAsync(customer, serviceId);
        await Assertions.Expect(customer.Locator("[data-testid=approval-notice]")).ToContainTextAsync("Your seat is held until");
        await BrowserFixture.ScreenshotAsync(customer, "30-approval-requested");

        var staff = await browser.NewSignedInPageAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword, "admin/today");
        var request = staff.Locator("[data-testid=approval-requests] tr", new() { HasText = number });
        await request.Locator("button[data-testid=approve]").ClickAsync();
        await Assertions.Expect(request).ToHaveCountAsync(0);

        // The customer's page hears of the change on its own circuit: no reload.
        await Assertions.Expect(customer.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your appointment is booked.");
        await Assertions.Expect(customer.Locator("[data-testid=approval-notice]")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(customer, "31-approval-approved");
    }

    /// <summary>A copy of the demo consultation that requires approval, added straight to the app's database so no other journey's service changes.</summary>
    private async Task<int> ApprovalServiceAsync()
    {
        await using var db = browser.Portal.OpenDatabase();
        var service = DemoSeeder.DemoServices().Single(s => s.Name == DemoSeeder.ConsultationName);
        service.Name = $"Referral Consultation {Guid.NewGuid():N}"[..32];
        service.RequiresApproval = true;
        // The copy has no specialists of its own: it sells its templates' seats, as the simple mode does.
        service.BooksPractitioners = false;
        db.Services.Add(service);
        await db.SaveChangesAsync();
        return service.Id;
    }
}
