using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using WaitingRoomBenchmark;

// Page load under load: C concurrent HTTP clients on 127.0.0.1 fetch the services page (anonymous)
// and the demo clinic's waiting room (signed in as the demo customer) for a fixed number of
// requests each; time to first byte and to the whole document, p50/p95/p99. Meanwhile one headless
// Chromium (Debian's, as in the e2e tests) loads the same page again and again and times it until
// the page is interactive (the circuit is up and has rendered: #render-mode[data-interactive]).
// Run: dotnet run -c Release --project benchmarks/PageLoadBenchmark -- --clients 200 --requests 25
var clients = Option("--clients", 200);
var requestsPerClient = Option("--requests", 25);
var interactiveLoads = Option("--interactive-loads", 20);
var seconds = Option("--seconds", 15);
var root = RepositoryRoot();
Console.WriteLine($"Page-load benchmark: {clients} clients × {requestsPerClient} requests per page, {Environment.ProcessorCount} cores.");

await using var portal = await PortalUnderTest.StartAsync(root);
var cookies = await SignInAsync(portal.BaseUri, "customer@bookingportal.local", "Customer#Portal2026");
int clinicId;
await using (var db = new SqliteConnection($"Data Source={portal.DatabasePath};Default Timeout=60"))
{
    await db.OpenAsync();
    await using var query = new SqliteCommand("SELECT Id FROM Services WHERE Name = 'Dermatology Clinic'", db);
    clinicId = Convert.ToInt32(await query.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

var rows = new List<string>();
foreach (var (name, path, signedIn) in new[] { ("services page `/`", "", false), ("waiting room `/services/{clinic}/book` (signed in)", $"services/{clinicId}/book", true) })
{
    // Warm-up, not reported: every client once through the page 25 times, so the measured run is the portal's
    // steady state (JIT tiering done, pools and caches filled) rather than its first seconds.
    await RunAsync(path, signedIn, clients, 25, () => false);

    // First the HTTP clients alone for a fixed time: time to first byte as the portal serves them.
    var alone = Stopwatch.StartNew();
    Report($"{name}, HTTP clients only", await RunAsync(path, signedIn, clients, requestsPerClient, () => alone.Elapsed < TimeSpan.FromSeconds(seconds)), null);

    // Then the same clients while a headless Chromium loads the page over and over (time to interactive). The
    // browser runs on the same two cores, so this row's TTFB also counts the CPU the browser takes from the portal.
    await using var interactivity = await BrowserLoopAsync(path, signedIn);
    var loaded = await RunAsync(path, signedIn, clients, requestsPerClient, () => interactivity.Samples.Count < interactiveLoads);
    Report($"{name}, with the browser loading it", loaded, await interactivity.StopAsync());
}

void Report(string name, (double[] Ttfb, double[] Full, int Errors, TimeSpan Wall) run, double[]? interactive)
{
    var (ttfb, full, errors, wall) = run;
    var browser = interactive is null ? "—" : $"{P(interactive, 50):F0} / {P(interactive, 95):F0} ms ({interactive.Length} loads)";
    var line = $"| {name} | {clients} | {ttfb.Length:N0} | {ttfb.Length / wall.TotalSeconds:F0} | {P(ttfb, 50):F0} / {P(ttfb, 95):F0} / {P(ttfb, 99):F0} ms | {P(full, 50):F0} / {P(full, 95):F0} / {P(full, 99):F0} ms | {browser} | {errors} |";
    Console.WriteLine(line);
    rows.Add(line);
}

var report = $"""

## Page load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; portal in Release on SQLite, clients on the same machine (127.0.0.1).
Command: `dotnet run -c Release --project benchmarks/PageLoadBenchmark -- --clients {clients} --requests {requestsPerClient} --interactive-loads {interactiveLoads} --seconds {seconds}`

Each client loops its requests one after another, all clients at once, after a warm-up of 25 requests each: first for {seconds} s with nothing else running ("HTTP clients only"), then (at least the given number each) on until the browser has its loads ("with the browser loading it"). TTFB = until the response headers; document = until the last byte of the prerendered HTML. Interactive = one headless Chromium loading the page over and over during the same load, from navigation until the circuit has rendered (`#render-mode[data-interactive=true]`), p50 / p95.

| page | clients | requests | requests/s | TTFB p50 / p95 / p99 | document p50 / p95 / p99 | interactive p50 / p95 | errors |
| --- | --- | --- | --- | --- | --- | --- | --- |
{string.Join('\n', rows)}
""";
var resultsFile = Path.Combine(root, "benchmarks", "RESULTS.md");
await File.AppendAllTextAsync(resultsFile, report + "\n");
Console.WriteLine($"Appended to {resultsFile}");

async Task<(double[] Ttfb, double[] Full, int Errors, TimeSpan Wall)> RunAsync(string path, bool signedIn, int clientCount, int requests, Func<bool> keepGoing)
{
    var ttfb = new List<double>();
    var full = new List<double>();
    var errors = 0;
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clientCount).Select(_ => Task.Run(async () =>
    {
        using var handler = new SocketsHttpHandler { CookieContainer = signedIn ? cookies : new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = portal.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        for (var i = 0; i < requests || keepGoing(); i++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                var first = watch.Elapsed.TotalMilliseconds;
                await response.Content.ReadAsByteArrayAsync();
                var whole = watch.Elapsed.TotalMilliseconds;
                lock (ttfb)
                {
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        ttfb.Add(first);
                        full.Add(whole);
                    }
                    else
                    {
                        errors++;
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
        }
    })));
    wall.Stop();
    var t = ttfb.ToArray();
    var f = full.ToArray();
    Array.Sort(t);
    Array.Sort(f);
    return (t, f, errors, wall.Elapsed);
}

// Loads the page in a fresh browser context again and again until stopped; each load is timed from
// navigation to the interactive marker.
async Task<InteractivityLoop> BrowserLoopAsync(string path, bool signedIn)
{
    var stop = new CancellationTokenSource();
    var samples = new List<double>();
    var loop = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            await using var context = await browser.NewContextAsync(new() { BaseURL = portal.BaseUri.ToString() });
            if (signedIn)
            {
                await context.AddCookiesAsync(cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = portal.BaseUri.ToString() }));
            }

            var page = await context.NewPageAsync();
            var watch = Stopwatch.StartNew();
            try
            {
                await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
                await page.Locator("#render-mode[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                // A load that never became interactive within two minutes is left out of the figures and shows as a missing sample.
            }
        }
    });
    return new InteractivityLoop(stop, loop, samples);
}

static double P(double[] sorted, int percent) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];

static async Task<CookieContainer> SignInAsync(Uri baseUri, string email, string password)
{
    var cookies = new CookieContainer();
    using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
    using var http = new HttpClient(handler) { BaseAddress = baseUri };
    var page = await http.GetStringAsync("Account/Login");
    var form = Regex.Matches(page, "<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")
        .GroupBy(m => WebUtility.HtmlDecode(m.Groups["name"].Value))
        .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));
    form["Input.Email"] = email;
    form["Input.Password"] = password;
    var response = await http.PostAsync("Account/Login", new FormUrlEncodedContent(form));
    if (response.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException($"Sign-in failed: {response.StatusCode}");
    }

    return cookies;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "BookingPortal.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository.");
}

internal sealed record InteractivityLoop(CancellationTokenSource Stop, Task Loop, List<double> Samples) : IAsyncDisposable
{
    public async Task<double[]> StopAsync()
    {
        await Stop.CancelAsync();
        await Loop;
        var sorted = Samples.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        Stop.Dispose();
    }
}
