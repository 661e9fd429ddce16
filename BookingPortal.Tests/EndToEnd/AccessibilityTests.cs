using BookingPortal.Data;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BookingPortal.Tests.EndToEnd;

/// <summary>axe-core scans of the customer pages, as a signed-in customer, at phone width.</summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "EndToEnd")]
public class AccessibilityTests(BrowserFixture browser)
{
    [Fact]
    public async Task Customer_pages_have_no_serious_or_critical_accessibility_violations()
    {
        var page = await browser.NewPageAsync(width: 360, height: 640);
        var findings = new List<string>();
        await ScanAsync(page, "Account/Login", findings);
        await ScanAsync(page, "Account/Register", findings);
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(DemoSeeder.CustomerEmail);
        await page.GetByLabel("Password").FillAsync(DemoSeeder.CustomerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();

        foreach (var path in new[] { "services", "services/1", "services/1/book", "my/appointments", "no-such-page" })
        {
            await ScanAsync(page, path, findings);
        }

        findings.Should().BeEmpty();
    }

    private static async Task ScanAsync(IPage page, string path, List<string> findings)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await page.RunAxe();
        result.Passes.Should().NotBeEmpty($"axe must actually have checked {path}");
        foreach (var minor in result.Violations.Where(v => v.Impact is not ("serious" or "critical")))
        {
            Console.WriteLine($"axe ({minor.Impact}) {path}: {minor.Id} {minor.Help}");
        }
        findings.AddRange(result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        await BrowserFixture.ScreenshotAsync(page, "a11y-" + path.Replace('/', '-'));
    }
}
