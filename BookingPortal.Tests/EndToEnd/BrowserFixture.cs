namespace BookingPortal.Tests.EndToEnd;

/// <summary>The app process plus one headless Debian Chromium, shared by the end-to-end tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long a page's actions and waits may take before they fail.</summary>
    public const float DefaultTimeout = 20_000;

    public PortalProcess Portal { get; } = new(asReadmeSays: true);

    public IBrowser Browser { get; private set; } = null!;

    private IPlaywright? playwright;

    public static string ScreenshotFolder { get; } = Path.Combine(TestSupport.RepositoryRoot.Path, "TestResults", "e2e-screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs Debian's chromium package.");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        await Portal.InitializeAsync();
        SharedPortal = Portal;
        running = this;
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                // Tests drive several pages at once; a page that is not in front must keep its timers and
                // render updates, as a customer's background tab would while they wait.
                "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows", "--disable-renderer-backgrounding",
            ],
        });
    }

    /// <summary>
    /// Every Content-Security-Policy violation any page of the run reported ("directive blocked-URI
    /// at source:line on page"). The fixture fails the run when it ends with any: whatever the CSP
    /// blocks is something a customer's browser would have blocked too.
    /// </summary>
    public IReadOnlyCollection<string> CspViolations
    {
        get
        {
            lock (cspViolations)
            {
                return [.. cspViolations];
            }
        }
    }

    private readonly List<string> cspViolations = [];

    /// <summary>Reports each violation to .NET as it happens, so none is lost when the page navigates away.</summary>
    private const string CspListener = """
        document.addEventListener('securitypolicyviolation', e =>
            window.__reportCspViolation(`${e.effectiveDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} on ${location.href}`));
        """;

    /// <param name="portal">Another portal process than the shared one, when a test runs its own.</param>
    /// <param name="timeZoneId">The browser's own time zone (IANA), for a customer somewhere else than the service.</param>
    /// <param name="cspViolations">Where this page's CSP violations go instead of the run's list, for a test that provokes one.</param>
    /// <param name="baseUri">Another address than a portal's own, such as a proxy in front of several.</param>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, PortalProcess? portal = null, string? timeZoneId = null,
        ICollection<string>? cspViolations = null, Uri? baseUri = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = (baseUri ?? (portal ?? Portal).BaseUri).ToString(),
            ViewportSize = new() { Width = width, Height = height },
            AcceptDownloads = true,
            TimezoneId = timeZoneId,
        });
        context.SetDefaultTimeout(DefaultTimeout);
        openedPages.Add(context);

        var violations = cspViolations ?? this.cspViolations;
        await context.ExposeFunctionAsync("__reportCspViolation", (string violation) =>
        {
            lock (violations)
            {
                violations.Add(violation);
            }
        });
        await context.AddInitScriptAsync(CspListener);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Closes every page <see cref="NewPageAsync"/> opened since the last call; each journey ends so
    /// (<see cref="EndToEndTest"/>). A page left open kept its renderer, its timers and its circuit, and the portal's
    /// work for that circuit, running through every journey after its own: a third of a full run's CPU went to Chromium.
    /// </summary>
    public static Task CloseOpenedPagesAsync() => running?.openedPages.CloseAllAsync() ?? Task.CompletedTask;

    /// <summary>The running fixture, for <see cref="CloseOpenedPagesAsync"/>; the journeys run one at a time.</summary>
    private static BrowserFixture? running;

    private readonly OpenedPages openedPages = new();

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });

    public static async Task RegisterAsync(IPage page, string email, string? screenshot = null)
    {
        await page.GotoAsync("Account/Register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("E2e#Password2026");
        await page.GetByLabel("Confirm Password").FillAsync("E2e#Password2026");
        if (screenshot is not null)
        {
            await ScreenshotAsync(page, screenshot);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
    }

    /// <summary>
    /// Waits for the address, not for the page's load event: on a loaded host the page has stood at its new address, drawn
    /// and connected, with no load event for 20 s (LoadBalancer, AccountJourney). The caller then waits for what it needs.
    /// Not WaitForURLAsync: when the address is already reached it waits for the load event whatever WaitUntil says
    /// (Commit maps to no load state, so to Load), and a sign-in that redirected before the call timed out on it.
    /// </summary>
    public static Task WaitForAddressAsync(IPage page, string glob, float? timeout = null) =>
        WaitForAddressAsync(page, GlobPattern(glob), timeout);

    /// <inheritdoc cref="WaitForAddressAsync(IPage, string, float?)"/>
    public static async Task WaitForAddressAsync(IPage page, Regex address, float? timeout = null)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(address, new() { Timeout = timeout ?? DefaultTimeout });
        }
        catch (PlaywrightException notThere) when (!page.IsClosed)
        {
            // A timeout, as WaitForURLAsync gave, so callers that explain a slow step still catch it.
            throw new TimeoutException(notThere.Message, notThere);
        }
    }

    /// <summary>Playwright's URL glob: <c>**</c> any text, <c>*</c> any text without a slash, everything else literal.</summary>
    internal static Regex GlobPattern(string glob) =>
        new("^" + string.Join(".*", glob.Split("**").Select(part => string.Join("[^/]*", part.Split('*').Select(Regex.Escape)))) + "$");

    /// <summary>Interactive pages ignore clicks until the circuit is up; the layout says when it is.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("#render-mode[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Goes to an interactive page and waits until its circuit is up, so the next click counts.</summary>
    public static async Task OpenInteractiveAsync(IPage page, string address)
    {
        await page.GotoAsync(address);
        await WaitForInteractiveAsync(page);
    }

    /// <summary>A new page, signed in to the account and open on an interactive page whose circuit is up.</summary>
    public async Task<IPage> NewSignedInPageAsync(string email, string password, string address, int width = 1280, int height = 800, PortalProcess? portal = null)
    {
        var page = await NewPageAsync(width, height, portal);
        await SignInAsync(page, email, password);
        await OpenInteractiveAsync(page, address);
        return page;
    }

    /// <summary>Books the first free time of the service's first bookable day and returns the confirmation number.</summary>
    /// <param name="portals">The portals the page talks to, when not the shared one (behind a load balancer, all of them): their logs go into a failure's message.</param>
    public static async Task<string> BookFirstFreeSlotAsync(IPage customer, int serviceId, params PortalProcess[] portals)
    {
        await OpenInteractiveAsync(customer, $"services/{serviceId}/book");
        await customer.Locator("button.slot-button:not([disabled])").First.ClickAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        var confirmationNumber = customer.Locator("[data-testid=confirmation-number]");
        try
        {
            await WaitForAddressAsync(customer, "**/bookings/*");
            await confirmationNumber.WaitForAsync();
        }
        catch (TimeoutException timeout)
        {
            // A booking that never arrives is rare and has failed in CI only: say what the page and the server showed.
            var logged = portals.Length > 0 ? portals : SharedPortal is { } shared ? [shared] : [];
            throw new TimeoutException($"No confirmation after Book. {await WhatThePageShowsAsync(customer)}"
                + string.Concat(logged.Select(p => $"{Environment.NewLine}Warnings and errors of the portal at {p.BaseUri}:{Environment.NewLine}{p.Problems}")), timeout);
        }

        return (await confirmationNumber.TextContentAsync())!.Trim();
    }

    /// <summary>The shared portal, for a helper that is static; set when the fixture starts.</summary>
    private static PortalProcess? SharedPortal { get; set; }

    /// <summary>The address, the alerts on show and whether the circuit failed or is reconnecting, for a failure's message.</summary>
    public static async Task<string> WhatThePageShowsAsync(IPage page)
    {
        await ScreenshotAsync(page, $"failure-{DateTime.UtcNow:HHmmssfff}");
        var alerts = await page.Locator("[role=alert]:visible").AllInnerTextsAsync();
        var circuit = await page.EvaluateAsync<string>("""
            () => [document.getElementById('blazor-error-ui')?.checkVisibility() ? 'the circuit failed' : 'no circuit failure',
                   document.getElementById('components-reconnect-modal')?.checkVisibility() ? 'reconnecting' : 'connected'].join(', ')
            """);
        return $"At {page.Url}: {circuit}; alerts shown: [{string.Join(" | ", alerts)}].";
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Portal.DisposeAsync();
        if (CspViolations.Count > 0)
        {
            throw new InvalidOperationException($"The Content-Security-Policy blocked {CspViolations.Count} thing(s) during the end-to-end run:{Environment.NewLine}{string.Join(Environment.NewLine, CspViolations)}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<ClockPortalFixture>
{
    public const string Name = "End to end";
}
