namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// Staff open each Insights page at a desk (1280 px) and at tablet width (800 px) on a portal of their own with the
/// seeded history moved to this week: the charts are drawn, the table view shows the numbers, axe finds nothing serious,
/// nothing scrolls sideways. The pages are photographed into docs/screenshots for the README.
/// </summary>
public sealed class InsightsPagesTests(BrowserFixture browser) : EndToEndTest
{
    private readonly PortalProcess portal = new();
    private long openingId;

    public override async Task InitializeAsync()
    {
        await portal.InitializeAsync();
        await using var db = portal.OpenDatabase();
        // Whole weeks, so the history's "week of 2 March 2026" is the current week and its weekdays stay.
        var weeks = (int)Math.Floor((DateTime.UtcNow - PortalFactory.DefaultNow.UtcDateTime).TotalDays / 7);
        (_, openingId) = await InsightsHistory.SeedAsync(db, TimeSpan.FromDays(7 * weeks));
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }

    [Fact]
    public async Task Each_insights_page_draws_its_charts_with_tables_and_passes_axe_at_desk_and_tablet_width()
    {
        var findings = new List<string>();
        foreach (var width in new[] { 1280, 800 })
        {
            var page = await browser.NewPageAsync(width, 1000, portal);
            await BrowserFixture.SignInAsync(page, DemoSeeder.StaffEmail, DemoSeeder.StaffPassword);
            foreach (var (path, name, charts) in new[]
            {
                ($"admin/insights/openings/{openingId}", "opening", 3),
                ("admin/insights/bookings", "bookings", 3),
                ("admin/insights/demand", "demand", 2),
            })
            {
                await BrowserFixture.OpenInteractiveAsync(page, path);
                if (name != "opening")
                {
                    await page.Locator("div[data-testid=insights-service]").ClickAsync();
                    await page.GetByRole(AriaRole.Option, new() { Name = InsightsHistory.ServiceName }).ClickAsync();
                }

                await Assertions.Expect(page.Locator("[data-testid=figure-chart] svg").First).ToBeVisibleAsync();
                if (name == "opening")
                {
                    await Assertions.Expect(page.GetByTestId("median-wait")).ToHaveTextAsync("0 min 10 s");
                    await Assertions.Expect(page.GetByTestId("p90-wait")).ToHaveTextAsync("3 min 30 s");
                    await Assertions.Expect(page.GetByTestId("bookings-per-admission")).ToHaveTextAsync("0.75");
                }

                await Assertions.Expect(page.Locator("figcaption")).ToHaveCountAsync(charts);
                await AccessibilityTests.ScanAsync(page, $"{path} at {width}px", findings);
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (overflow > 0)
                {
                    findings.Add($"{path}: scrolls sideways by {overflow}px at {width}px");
                }

                await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Path, "docs", "screenshots", $"insights-{width}-{name}.png"), FullPage = true });
                await page.GetByTestId("toggle-table").First.ClickAsync();
                await Assertions.Expect(page.Locator("[data-testid=figure-table]").First).ToBeVisibleAsync();
                await AccessibilityTests.ScanAsync(page, $"{path} table view at {width}px", findings);
            }

            await page.Context.CloseAsync();
        }

        string.Join(Environment.NewLine, findings).Should().BeEmpty();
    }
}
