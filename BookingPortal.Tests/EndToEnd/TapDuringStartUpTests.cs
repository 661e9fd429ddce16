namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// A new customer, just registered, taps through as fast as a script can: each link is clicked as soon as
/// it is on the screen, without waiting for the page's circuit or the network. Whatever is still starting,
/// every tap must end on the page the address bar shows.
/// "Fresh" here: the test's own portal process, started for it (nothing warmed by other tests), and every
/// run a new browser context (no cache, a new circuit; only the sign-in cookie is carried over) - one
/// process serves all the runs, because starting one per run would cost ten seconds each for nothing the
/// runs need.
/// </summary>
public class TapDuringStartUpTests(BrowserFixture browser) : EndToEndTest
{
    /// <summary>
    /// Runs on each half. The bug this guards (a tap during a circuit's start drawing the old page) showed by the fourth
    /// run before its fix (6e114a1); sixteen runs still catch a one-in-four failure with 99% certainty (0.75^16). The busy
    /// half spins every core and slows every other test of the run while it lasts, so it has the fewer runs (10 and 6:
    /// the suite's budget is 12 minutes on 2 cores).
    /// </summary>
    private const int FreshRuns = 10, BusyRuns = 6;

    [Fact]
    public async Task Taps_while_pages_start_always_end_on_the_page_the_address_shows_on_a_fresh_portal_and_with_the_cores_busy()
    {
        await using var portal = await PortalProcess.StartAsync();
        var signedIn = await SignedInStateAsync(portal);

        // Each run's new context is opened while the run before it taps (0.5–2 s each on a loaded machine, of a 3–5 s run):
        // it is still a new context, with no cache and its own circuit, and nothing of it is on a screen before its run.
        var next = NewRunPageAsync(portal, signedIn);
        try
        {
            await TapRunsAsync("fresh", FreshRuns);
            using var load = BusyCores.Start();
            await TapRunsAsync("busy", BusyRuns);
        }
        finally
        {
            // The context opened for a run that did not come (after the last, or after a failed one).
            await (await next).Context.CloseAsync();
        }

        async Task TapRunsAsync(string half, int runs)
        {
            for (var run = 1; run <= runs; run++)
            {
                var page = await next;
                next = NewRunPageAsync(portal, signedIn);
                await TapThroughAsync(page, $"{half} run {run}");
            }
        }
    }

    /// <summary>
    /// The circuit's first render redraws the page under a pressed link; Chromium then sends no click at all
    /// (the press and the release hit two elements). This is that moment, made on purpose on a static page.
    /// </summary>
    [Fact]
    public async Task A_click_whose_link_is_redrawn_between_press_and_release_still_follows_the_link()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("services");
        var box = (await page.Locator("a.brand").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.EvaluateAsync("() => { const link = document.querySelector('a.brand'); link.replaceWith(link.cloneNode(true)); }");
        await page.Mouse.UpAsync();

        await ExpectPageAsync(page, "/", "Book an appointment", "redrawn link");
        await page.Context.CloseAsync();
    }

    /// <summary>A new browser context (no cache, no circuit) holding only the sign-in cookie, with one blank page.</summary>
    private async Task<IPage> NewRunPageAsync(PortalProcess portal, string signedIn)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = portal.BaseUri.ToString(), StorageState = signedIn });
        context.SetDefaultTimeout(BrowserFixture.DefaultTimeout);
        return await context.NewPageAsync();
    }

    /// <summary>Services list, "View times", "Book a time", then straight back to the list from the book page while its circuit starts.</summary>
    private static async Task TapThroughAsync(IPage page, string run)
    {
        try
        {
            await page.GotoAsync("services", new() { WaitUntil = WaitUntilState.Commit });
            await page.GetByRole(AriaRole.Link, new() { Name = $"View times for {DemoSeeder.ConsultationName}" }).ClickAsync();
            await ExpectPageAsync(page, "/services/1", DemoSeeder.ConsultationName, run);

            await page.GetByRole(AriaRole.Link, new() { Name = "Book a time" }).ClickAsync();
            await ExpectPageAsync(page, "/services/1/book", $"Book {DemoSeeder.ConsultationName}", run);

            // The book page holds a circuit: this tap lands while it starts (or just after).
            await page.Locator("a.brand").ClickAsync();
            await ExpectPageAsync(page, "/", "Book an appointment", run);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<string> SignedInStateAsync(PortalProcess portal)
    {
        var page = await browser.NewPageAsync(portal: portal);
        await BrowserFixture.RegisterAsync(page, $"taps-{Guid.NewGuid():N}@example.com");
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    private static async Task ExpectPageAsync(IPage page, string path, string heading, string run)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^[^?#]*//[^/]+{Regex.Escape(path)}$"), new() { Timeout = 15_000 });
        var headingShown = page.Locator("main h1").Filter(new() { HasText = heading });
        try
        {
            await Assertions.Expect(headingShown).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
        catch (PlaywrightException)
        {
            var shown = await page.Locator("main h1").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException($"{run}: the address shows {page.Url} but the screen shows [{string.Join(", ", shown)}], not \"{heading}\".");
        }
    }

    /// <summary>One spinning thread per core, as a busy machine at a release's opening would have: circuits start slowly.</summary>
    private sealed class BusyCores : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Thread[] threads;

        private BusyCores()
        {
            threads = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(Spin) { IsBackground = true }).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }
        }

        public static BusyCores Start() => new();

        public void Dispose()
        {
            stop.Cancel();
            foreach (var thread in threads)
            {
                thread.Join();
            }

            stop.Dispose();
        }

        private void Spin()
        {
            var token = stop.Token;
            var sum = 0L;
            while (!token.IsCancellationRequested)
            {
                sum += Environment.TickCount64 & 1;
            }

            GC.KeepAlive(sum);
        }
    }
}
