using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using WaitingRoomBenchmark;

// Page load under load: C concurrent HTTP clients on 127.0.0.1 fetch the services page (anonymous)
// and the demo clinic's waiting room (signed in as the demo customer) for a fixed number of
// requests each; time to first byte and to the whole document, p50/p95/p99.
// Run: dotnet run -c Release --project benchmarks/PageLoadBenchmark -- --clients 200 --requests 25
var clients = Option("--clients", 200);
var requestsPerClient = Option("--requests", 25);
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

var rows = new List<string>();
foreach (var (name, path, signedIn) in new[] { ("services page `/`", "", false), ("waiting room `/services/{clinic}/book` (signed in)", $"services/{clinicId}/book", true) })
{
    await RunAsync(path, signedIn, 5, 4); // warm-up, not reported
    var (ttfb, full, errors, wall) = await RunAsync(path, signedIn, clients, requestsPerClient);
    var line = $"| {name} | {clients} | {ttfb.Length:N0} | {ttfb.Length / wall.TotalSeconds:F0} | {P(ttfb, 50):F0} / {P(ttfb, 95):F0} / {P(ttfb, 99):F0} ms | {P(full, 50):F0} / {P(full, 95):F0} / {P(full, 99):F0} ms | {errors} |";
    Console.WriteLine(line);
    rows.Add(line);
}

var report = $"""

## Page load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; portal in Release on SQLite, clients on the same machine (127.0.0.1).
Command: `dotnet run -c Release --project benchmarks/PageLoadBenchmark -- --clients {clients} --requests {requestsPerClient}`

Each client loops its requests one after another, all clients at once. TTFB = until the response headers; document = until the last byte of the prerendered HTML. Time to interactive (script, circuit, first render) needs a browser and is not measured here.

| page | clients | requests | requests/s | TTFB p50 / p95 / p99 | document p50 / p95 / p99 | errors |
| --- | --- | --- | --- | --- | --- | --- |
{string.Join('\n', rows)}
""";
var resultsFile = Path.Combine(root, "benchmarks", "RESULTS.md");
await File.AppendAllTextAsync(resultsFile, report + "\n");
Console.WriteLine($"Appended to {resultsFile}");

async Task<(double[] Ttfb, double[] Full, int Errors, TimeSpan Wall)> RunAsync(string path, bool signedIn, int clientCount, int requests)
{
    var ttfb = new List<double>();
    var full = new List<double>();
    var errors = 0;
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clientCount).Select(_ => Task.Run(async () =>
    {
        using var handler = new SocketsHttpHandler { CookieContainer = signedIn ? cookies : new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = portal.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        for (var i = 0; i < requests; i++)
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
