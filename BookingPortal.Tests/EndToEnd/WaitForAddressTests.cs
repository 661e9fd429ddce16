namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// Journeys wait for an address, never for a load event that a loaded host may send late or not at all.
/// </summary>
public class WaitForAddressTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task An_address_already_reached_is_not_waited_for_again_whether_or_not_its_page_has_loaded()
    {
        var page = await browser.NewPageAsync();
        // The page's picture is never answered, so its load event never comes (as a busy server's page can keep it back).
        await page.RouteAsync("**/never-answered.png", _ => Task.CompletedTask);
        await page.RouteAsync("**/services/1/book", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = "<!DOCTYPE html><title>Book</title><img src=\"never-answered.png\" alt=\"\">",
        }));
        await page.GotoAsync("services/1/book", new() { WaitUntil = WaitUntilState.Commit });

        var wait = () => BrowserFixture.WaitForAddressAsync(page, "**/services/1/book", 3_000);

        await wait.Should().NotThrowAsync();
        (await page.EvaluateAsync<string>("() => document.readyState")).Should().NotBe("complete", "the load event is still kept back");
    }

    [Theory]
    [InlineData("**/bookings/*", "http://127.0.0.1:5000/bookings/12", true)]
    [InlineData("**/bookings/*", "http://127.0.0.1:5000/bookings/12/calendar", false)]
    [InlineData("**/Account/Login?**", "http://127.0.0.1:5000/Account/Login?returnUrl=%2Fservices%2F1%2Fbook", true)]
    [InlineData("**/services/1/book", "http://127.0.0.1:5000/Account/Login?returnUrl=%2Fservices%2F1%2Fbook", false)]
    public void An_address_pattern_reads_as_Playwright_reads_it(string glob, string address, bool matches) =>
        BrowserFixture.GlobPattern(glob).IsMatch(address).Should().Be(matches);
}
