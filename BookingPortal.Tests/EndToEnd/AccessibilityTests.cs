namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// axe-core scans of every customer page at phone width (360×640) and of the main staff pages at tablet
/// width, with the phone-layout rules of the issue: nothing scrolls sideways, buttons are thumb-sized.
/// Each page is also photographed at 360×640 and 1280×800 (staff pages at 768×1024) for the README.
/// </summary>
public class AccessibilityTests(BrowserFixture browser) : EndToEndTest
{
    private static readonly (int Width, int Height) Phone = (360, 640);
    private static readonly (int Width, int Height) Desk = (1280, 800);
    private static readonly (int Width, int Height) Tablet = (768, 1024);

    /// <summary>The scan itself: it must report what axe finds, with the rules turned on that axe leaves off.</summary>
    [Fact]
    public async Task The_scan_reports_a_missing_alternative_text_and_a_small_target()
    {
        var page = await browser.NewPageAsync(Phone.Width, Phone.Height);
        await page.SetContentAsync("""
            <html lang="en"><head><title>Scan check</title></head>
            <body><main><img src="data:,"><button style="width:10px;height:10px;padding:0">a</button><button style="width:10px;height:10px;padding:0">b</button></main></body></html>
            """);

        var findings = new List<string>();
        await ScanAsync(page, "scan check", findings);

        findings.Should().Contain(f => f.Contains("image-alt (critical)", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("target-size (serious)", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Customer_pages_at_phone_width_pass_axe_never_scroll_sideways_and_have_thumb_sized_buttons()
    {
        var page = await browser.NewPageAsync(Phone.Width, Phone.Height);
        var findings = new List<string>();
        foreach (var path in new[] { "Account/Login", "Account/Register", "Account/ForgotPassword", "services", "services/1" })
        {
            await CheckCustomerPageAsync(page, path, findings);
        }

        await BrowserFixture.RegisterAsync(page, $"a11y-{Guid.NewGuid():N}@example.com");
        var clinicId = await ServiceIdAsync(DemoSeeder.WeeklyClinicName);
        foreach (var path in new[] { "services", "services/1/book", $"services/{clinicId}/book", "my/appointments", "Account/Manage", "no-such-page" })
        {
            await CheckCustomerPageAsync(page, path, findings);
        }

        var number = await BrowserFixture.BookFirstFreeSlotAsync(page, 1);
        await CheckCustomerPageAsync(page, $"bookings/{number}", findings, "confirmation");
        await CheckCustomerPageAsync(page, $"services/1/book?reschedule={number}", findings, "reschedule");

        await BrowserFixture.OpenInteractiveAsync(page, $"bookings/{number}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel booking" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=cancel-terms]")).ToBeVisibleAsync();
        await CheckOpenPageAsync(page, "cancel-dialog", findings);

        string.Join(Environment.NewLine, findings).Should().BeEmpty();
    }

    [Fact]
    public async Task Main_staff_pages_at_tablet_width_pass_axe_and_never_scroll_sideways()
    {
        var page = await browser.NewPageAsync(Tablet.Width, Tablet.Height);
        await BrowserFixture.SignInAsync(page, DemoSeeder.AdminEmail, DemoSeeder.AdminPassword);
        var findings = new List<string>();
        foreach (var path in new[] { "admin", "admin/today", "admin/appointments", "admin/slots", "admin/services", "admin/services/1", "admin/customers", "admin/releases", "admin/outbox" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await ScanAsync(page, path, findings);
            var layout = await LayoutAsync(page);
            if (layout.Overflow > 0)
            {
                findings.Add($"{path}: scrolls sideways by {layout.Overflow}px at {Tablet.Width}px");
            }

            await BrowserFixture.ScreenshotAsync(page, $"staff-{Tablet.Width}-{Name(path)}");
        }

        // Last week's slots are all past, so the week (which scrolls sideways here) holds no button to take the focus:
        // a keyboard reaches and scrolls it only if the week itself can be focused. Whether this week has such buttons
        // depends on the hour the suite runs.
        await BrowserFixture.OpenInteractiveAsync(page, "admin/slots");
        var title = page.GetByText("Week of");
        var thisWeek = await title.InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Previous week" }).ClickAsync();
        await Assertions.Expect(title).Not.ToHaveTextAsync(thisWeek);
        await ScanAsync(page, "admin/slots, last week", findings);

        string.Join(Environment.NewLine, findings).Should().BeEmpty();
    }

    [Fact]
    public async Task Dark_mode_is_remembered_across_pages_and_passes_axe_at_phone_width()
    {
        var page = await browser.NewPageAsync(Phone.Width, Phone.Height);
        var findings = new List<string>();
        await page.GotoAsync("services");
        await page.GetByTestId("theme-switch").ClickAsync();
        await Assertions.Expect(page.GetByTestId("theme-switch")).ToHaveTextAsync("Light mode");

        foreach (var path in new[] { "services", "services/1", "Account/Login" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(page.GetByTestId("theme-switch")).ToHaveTextAsync("Light mode");
            await ScanAsync(page, $"dark {path}", findings);
            await BrowserFixture.ScreenshotAsync(page, $"{Phone.Width}-dark-{Name(path)}");
        }

        string.Join(Environment.NewLine, findings).Should().BeEmpty();
    }

    /// <param name="label">The screenshot's name when the path holds something that changes per run.</param>
    private static async Task CheckCustomerPageAsync(IPage page, string path, List<string> findings, string? label = null)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CheckOpenPageAsync(page, label ?? path, findings);
    }

    /// <summary>Scans what the page shows now (after navigation, or with a dialog open), then photographs it at both sizes.</summary>
    private static async Task CheckOpenPageAsync(IPage page, string path, List<string> findings)
    {
        await ScanAsync(page, path, findings);
        var layout = await LayoutAsync(page);
        if (layout.Overflow > 0)
        {
            findings.Add($"{path}: scrolls sideways by {layout.Overflow}px at {Phone.Width}px");
        }

        findings.AddRange(layout.SmallTargets.Select(target => $"{path}: touch target under 44px: {target}"));
        await BrowserFixture.ScreenshotAsync(page, $"{Phone.Width}-{Name(path)}");
        await page.SetViewportSizeAsync(Desk.Width, Desk.Height);
        await BrowserFixture.ScreenshotAsync(page, $"{Desk.Width}-{Name(path)}");
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
    }

    /// <summary>
    /// axe-core 4.14 runs label-content-name-mismatch by default; these are the rules it still leaves off that
    /// fall within WCAG 2.x AA or best practice: the experimental ones, and the WCAG 2.2 target size. (The AAA
    /// rules, and duplicate-id, which axe has retired, stay off.)
    /// </summary>
    private static readonly string[] AlsoEnabled =
        ["css-orientation-lock", "focus-order-semantics", "hidden-content", "p-as-heading", "table-fake-caption", "td-has-header", "target-size"];

    /// <summary>Adds the page's serious and critical axe violations to the findings (minor ones are printed).</summary>
    internal static async Task ScanAsync(IPage page, string path, List<string> findings)
    {
        // Scan the page as loaded, not a grid's loading bar between two renders.
        await Assertions.Expect(page.Locator(".mud-progress-indeterminate:not([aria-hidden=true])")).ToHaveCountAsync(0);
        var result = await AxeScan.RunAsync(page, AlsoEnabled);
        result.Passes.Should().BePositive($"axe must actually have checked {path}");
        foreach (var minor in result.Violations.Where(v => v.Impact is not ("serious" or "critical")))
        {
            Console.WriteLine($"axe ({minor.Impact}) {path}: {minor.Id} {minor.Help}");
        }

        findings.AddRange(result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3))}"));
    }

    /// <summary>
    /// Sideways overflow of the document, and visible buttons (and links styled as buttons) smaller than
    /// 44×44 CSS px. Links inside running text are exempt, as WCAG 2.5.5 allows.
    /// </summary>
    private static async Task<Layout> LayoutAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("""
            () => {
              const targets = [...document.querySelectorAll('button, a.mud-button-root, a.btn, .nav-link, [role=button]')]
                .filter(e => !e.closest("[hidden], #blazor-error-ui, #components-reconnect-modal, .mud-popover:not(.mud-popover-open)"))
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; })
                .filter(e => { const r = e.getBoundingClientRect(); return r.height < 43.5 || r.width < 43.5; })
                .map(e => { const r = e.getBoundingClientRect(); return `${Math.round(r.width)}x${Math.round(r.height)} ${e.outerHTML.slice(0, 140)}`; });
              return JSON.stringify({ overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, smallTargets: targets });
            }
            """);
        return JsonSerializer.Deserialize<Layout>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private async Task<int> ServiceIdAsync(string name)
    {
        await using var db = browser.Portal.OpenDatabase();
        return await db.Services.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    private static string Name(string path) => path.Replace('/', '-').Replace('?', '-').Replace('=', '-');

    private sealed record Layout(int Overflow, List<string> SmallTargets);
}
