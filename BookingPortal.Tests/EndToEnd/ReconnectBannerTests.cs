namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// The reconnect banner as blazor.web.js drives it: the test raises the same state classes and
/// events the framework raises when the connection drops, so the run stays fast and deterministic.
/// </summary>
public class ReconnectBannerTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task A_dropped_connection_shows_a_friendly_banner_and_when_it_cannot_come_back_a_Reload_that_restarts_the_page()
    {
        // A page that holds a circuit (the services pages are static and have none to lose).
        var page = await browser.NewSignedInPageAsync(DemoSeeder.CustomerEmail, DemoSeeder.CustomerPassword, "my/appointments", width: 360, height: 640);
        var banner = page.Locator("#components-reconnect-modal");

        await SetStateAsync(page, "show", "components-reconnect-show");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync("The connection dropped. Reconnecting…");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(banner.GetByRole(AriaRole.Button, new() { Name = "Reload" })).ToBeHiddenAsync();

        await SetStateAsync(page, "failed", "components-reconnect-failed");
        await Assertions.Expect(banner).ToContainTextAsync("your place in line and your bookings are kept");
        var reload = banner.GetByRole(AriaRole.Button, new() { Name = "Reload" });
        await Assertions.Expect(reload).ToBeVisibleAsync();
        (await reload.BoundingBoxAsync())!.Height.Should().BeGreaterThanOrEqualTo(44);
        await BrowserFixture.ScreenshotAsync(page, "360-reconnect-failed");
        var findings = new List<string>();
        await AccessibilityTests.ScanAsync(page, "reconnect failed", findings);
        findings.Should().BeEmpty();

        await page.EvaluateAsync("() => window.beforeReload = true");
        await reload.ClickAsync();
        await page.WaitForFunctionAsync("() => window.beforeReload === undefined");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(banner).ToBeHiddenAsync();
    }

    private static Task SetStateAsync(IPage page, string state, string stateClass) => page.EvaluateAsync("""
        ([state, stateClass]) => {
          const banner = document.getElementById('components-reconnect-modal');
          banner.className = stateClass;
          banner.dispatchEvent(new CustomEvent('components-reconnect-state-changed', { detail: { state } }));
        }
        """, new[] { state, stateClass });
}
