namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// A new customer who clicks "Book a time" signs up on the way and comes back to the booking:
/// sign-in page, register, the confirmation e-mail (read from the outbox, as the e-mail channel would
/// deliver it), the confirm link, sign in, and the booking page they asked for.
/// </summary>
public class AccountJourneyTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task Book_a_time_then_register_and_confirm_the_address_returns_to_the_booking()
    {
        await using var portal = await PortalProcess.StartAsync(settings: new Dictionary<string, string> { ["Identity:RequireConfirmedEmail"] = "true" });
        var page = await browser.NewPageAsync(portal: portal);
        var email = $"journey-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("services/1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book a time" }).ClickAsync();
        await BrowserFixture.WaitForAddressAsync(page, "**/Account/Login?**");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register as a new user" }).ClickAsync();
        await BrowserFixture.WaitForAddressAsync(page, "**/Account/Register?**");
        // Enhanced navigation changes the address before it swaps the page: the login form (with its own Email and
        // Password fields) is still there for a moment, and what is typed into it is lost with it.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create a new account." })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("E2e#Password2026");
        await page.GetByLabel("Confirm Password").FillAsync("E2e#Password2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Please check your email to confirm your account.")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        string link;
        await using (var db = portal.OpenDatabase())
        {
            var mail = await db.OutboxMessages.SingleAsync(m => m.Recipient == email && m.Kind == NotificationKind.ConfirmEmail);
            link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody, @"https?://\S+").Value).PathAndQuery;
        }

        await page.GotoAsync(link.TrimStart('/'));
        await BrowserFixture.WaitForAddressAsync(page, "**/Account/Login?**");
        await Assertions.Expect(page.GetByText("Thank you for confirming your email. Sign in to continue.")).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("E2e#Password2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();

        await BrowserFixture.WaitForAddressAsync(page, "**/services/1/book");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "60-back-at-the-booking-after-confirming");
        page.Url.Should().EndWith("/services/1/book");
    }
}
