using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using WaitingRoomBenchmark;

// How many waiting customers one portal instance holds, what each costs in memory, and how long a
// queue change takes to reach them. Run: dotnet run -c Release --project benchmarks/WaitingRoomBenchmark -- --circuits 10000
var circuits = Option("--circuits", 1000);
var userCount = Option("--users", 100);
var parallel = Option("--parallel", 64);
var http2 = args.Contains("--http2");
var root = RepositoryRoot();
Console.WriteLine($"Waiting-room benchmark: {circuits} circuits from {userCount} signed-in customers, {Environment.ProcessorCount} cores.");

await using var portal = await PortalUnderTest.StartAsync(root, http2);
var users = new List<(string Email, CookieContainer Cookies, HttpClient Http, HttpMessageHandler Browser, HttpMessageInvoker? Http2)>();
for (var i = 0; i < userCount; i++)
{
    var (email, cookies, http, browser) = await RegisterAsync(portal.BaseUri, $"bench-{i}-{Guid.NewGuid():N}@example.com");
    // With --http2 each customer's tabs share the browser's HTTP/2 connections to the circuit endpoint (100 streams each).
    users.Add((email, cookies, http, browser, http2 ? new HttpMessageInvoker(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseCookies = false }) : null));
}

if (args.Contains("--services-list"))
{
    await ServicesListVisitors.MeasureAsync(portal, users.Select(u => (u.Cookies, u.Http, u.Browser)).ToList(), circuits, parallel, root);
    return;
}

await using var db = new SqliteConnection($"Data Source={portal.DatabasePath};Default Timeout=60");
await db.OpenAsync();
var serviceId = Convert.ToInt32(await Scalar(db, "SELECT Id FROM Services WHERE Name = 'Dermatology Clinic'"), CultureInfo.InvariantCulture);
await Execute(db, "UPDATE Releases SET AdmissionPaused = 1");
await MoveClockAsync(portal.BaseUri, NextMondayNineNewYork().AddSeconds(1));
var path = $"services/{serviceId}/book";
await users[0].Http.GetStringAsync(path);
var openingId = Convert.ToInt64(await Scalar(db, "SELECT Id FROM ReleaseOpenings ORDER BY OpensAtUtc DESC LIMIT 1"), CultureInfo.InvariantCulture);
await SeatEveryoneInLineAsync(db, openingId, users.Select(u => u.Email).ToList());

var probe = await users[^1].Http.GetStringAsync(path);
var stage = Regex.Match(probe, "data-stage=\"(?<stage>[A-Za-z]+)\"").Groups["stage"].Value;
Console.WriteLine($"The last customer's prerendered waiting room is at stage '{stage}'.");

GC.Collect();
var heapBefore = await portal.LiveHeapBytesAsync();
var before = portal.ResidentBytes();
var clients = new CircuitClient[circuits];
var connect = Stopwatch.StartNew();
using (var gate = new SemaphoreSlim(parallel))
{
    await Task.WhenAll(Enumerable.Range(0, circuits).Select(async i =>
    {
        await gate.WaitAsync();
        try
        {
            var user = users[i % users.Count];
            clients[i] = new CircuitClient(portal.BaseUri, user.Cookies, user.Browser, portal.CircuitUri, user.Http2);
            await clients[i].ConnectAsync(path, user.Http, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"circuit {i}: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            gate.Release();
        }
    }));
}

await WaitUntilAsync(() => clients.Count(c => c?.Batches > 0) == circuits, TimeSpan.FromSeconds(60));
var rendered = clients.Count(c => c?.Batches > 0 && c.Error is null);
connect.Stop();
await Task.Delay(TimeSpan.FromSeconds(5));
// Both readings after the same full collection as the one before: RSS read ahead of it counted garbage
// not yet collected, which the reading before (taken after a collection) did not.
var heapAfter = await portal.LiveHeapBytesAsync();
var after = portal.ResidentBytes();
var idleBefore = clients.Sum(c => c?.Batches ?? 0);
var idleCpuBefore = portal.CpuTime();
await Task.Delay(TimeSpan.FromSeconds(3));
var idleCpu = portal.CpuTime() - idleCpuBefore;
var idleBatches = clients.Sum(c => c?.Batches ?? 0) - idleBefore;
Console.WriteLine($"first circuit: {clients[0]?.Batches} batches, error: {clients[0]?.Error ?? "none"}");
Console.WriteLine($"{rendered} of {circuits} circuits rendered the waiting room in {connect.Elapsed.TotalSeconds:0.0} s; {idleBatches} render batches in 3 idle seconds.");

var delays = new List<double>();
var missed = 0;
var updateCpu = TimeSpan.Zero;
var machineBefore = PortalUnderTest.MachineCpu();
for (var round = 0; round < 3; round++)
{
    var cpuBefore = portal.CpuTime();
    // The first in line leaves: every other place moves up, so every circuit must be redrawn.
    var changedAt = Stopwatch.GetTimestamp();
    await Execute(db, $"UPDATE QueueEntries SET Status = 'Left' WHERE OpeningId = {openingId} AND Sequence = (SELECT MIN(Sequence) FROM QueueEntries WHERE OpeningId = {openingId} AND Status = 'Waiting')");
    var live = clients.Where(c => c?.Batches > 0 && c.Error is null).ToList();
    await WaitUntilAsync(() => live.All(c => c.LastBatchTicks > changedAt), TimeSpan.FromSeconds(30));
    delays.AddRange(live.Where(c => c.LastBatchTicks > changedAt).Select(c => Stopwatch.GetElapsedTime(changedAt, c.LastBatchTicks).TotalMilliseconds));
    missed += live.Count(c => c.LastBatchTicks <= changedAt);
    updateCpu += portal.CpuTime() - cpuBefore;
    await Task.Delay(TimeSpan.FromSeconds(2));
}

var machineAfter = PortalUnderTest.MachineCpu();
var stolenPercent = 100.0 * (machineAfter.Stolen - machineBefore.Stolen) / Math.Max(1, machineAfter.Total - machineBefore.Total);

delays.Sort();
double Percentile(double p) => delays.Count == 0 ? double.NaN : delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(p * delays.Count) - 1)];
var perCircuitKb = rendered == 0 ? double.NaN : (after - before) / 1024.0 / rendered;
var livePerCircuitKb = rendered == 0 ? double.NaN : (heapAfter - heapBefore) / 1024.0 / rendered;
var summary = string.Join(Environment.NewLine,
[
    $"## Waiting room, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
    "",
    $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; portal in Release on SQLite, client on the same machine.",
    "",
    "| measure | value | target |",
    "| --- | --- | --- |",
    $"| circuits holding the waiting room | {rendered} of {circuits} ({userCount} customers, {circuits / Math.Max(1, userCount)} tabs each) | 10,000 |",
    $"| time to open them ({parallel} at a time) | {connect.Elapsed.TotalSeconds:0.0} s | — |",
    $"| server memory per circuit (RSS growth / circuits, both read after a full GC) | {perCircuitKb:0.0} KB | < 150 KB |",
    $"| live managed memory per circuit (heap after a full GC, growth / circuits) | {livePerCircuitKb:0.0} KB | < 150 KB |",
    $"| render batches while nothing changed (3 s, all circuits) | {idleBatches} | 0 |",
    $"| queue change → update at the circuit, p50 / p95 / max | {Percentile(0.5):0} / {Percentile(0.95):0} / {Percentile(1):0} ms | p95 < 2,000 ms |",
    $"| updates that never arrived (3 rounds) | {missed} | 0 |",
    $"| server CPU per circuit update (CPU time from each change until every circuit had it, / updates) | {updateCpu.TotalMicroseconds / Math.Max(1, delays.Count):0} µs | — |",
    $"| server CPU while nothing changed (3 s) | {idleCpu.TotalMilliseconds:0} ms | — |",
    $"| CPU time the host took from this machine during the rounds (steal) | {stolenPercent:0.0} % | — |",
    "",
]);
Console.WriteLine(summary);
await File.AppendAllTextAsync(Path.Combine(root, "benchmarks", "RESULTS.md"), summary + Environment.NewLine);
foreach (var client in clients.Where(c => c is not null))
{
    await client.DisposeAsync();
}

return;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "BookingPortal.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository.");
}

static async Task<(string, CookieContainer, HttpClient, HttpMessageHandler)> RegisterAsync(Uri baseUri, string email)
{
    var cookies = new CookieContainer();
    // Each customer is one browser: like a browser, it keeps at most six HTTP/1.1 connections to the portal
    // for its tabs' page loads (each tab's WebSocket is a connection of its own). Without the cap the
    // clients' pools held ~1 idle keep-alive connection per circuit, which the portal counted as its memory.
    // The circuits' negotiate requests go through this pool too (see CircuitClient).
    var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, MaxConnectionsPerServer = 6 };
    var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUri };
    var page = await http.GetStringAsync("Account/Register");
    var form = Regex.Matches(page, "<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")
        .GroupBy(m => m.Groups["name"].Value).ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));
    form["Input.Email"] = email;
    form["Input.Password"] = "Bench#Password2026";
    form["Input.ConfirmPassword"] = "Bench#Password2026";
    var response = await http.PostAsync("Account/Register", new FormUrlEncodedContent(form));
    if (response.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException($"Registering {email} answered {response.StatusCode}.");
    }

    return (email, cookies, http, handler);
}

static async Task SeatEveryoneInLineAsync(SqliteConnection db, long openingId, IReadOnlyList<string> emails)
{
    // Places drawn already (the draw itself is covered by the test suite): this measures holding and updating circuits.
    var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    for (var i = 0; i < emails.Count; i++)
    {
        await Execute(db, $"INSERT INTO QueueEntries (OpeningId, CustomerId, EarlyAccess, JoinedAtUtc, Sequence, Status) " +
                          $"SELECT {openingId}, Id, 0, '{now}', {i + 1}, 'Waiting' FROM AspNetUsers WHERE Email = '{emails[i]}'");
    }

    await Execute(db, $"UPDATE ReleaseOpenings SET EarlyDrawn = 1, PublicDrawn = 1, LastSequence = {emails.Count} WHERE Id = {openingId}");
}

static async Task<object?> Scalar(SqliteConnection db, string sql)
{
    await using var command = db.CreateCommand();
    command.CommandText = sql;
    return await command.ExecuteScalarAsync();
}

static async Task Execute(SqliteConnection db, string sql)
{
    await using var command = db.CreateCommand();
    command.CommandText = sql;
    await command.ExecuteNonQueryAsync();
}

static async Task MoveClockAsync(Uri baseUri, DateTime utc)
{
    using var http = new HttpClient { BaseAddress = baseUri };
    (await http.PostAsync($"testing/clock?utc={Uri.EscapeDataString(utc.ToString("o", CultureInfo.InvariantCulture))}", null)).EnsureSuccessStatusCode();
}

static DateTime NextMondayNineNewYork()
{
    var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone).Date.AddDays(1);
    while (local.DayOfWeek != DayOfWeek.Monday)
    {
        local = local.AddDays(1);
    }

    return TimeZoneInfo.ConvertTimeToUtc(local.AddHours(9), zone);
}

static async Task WaitUntilAsync(Func<bool> done, TimeSpan limit)
{
    for (var waited = Stopwatch.StartNew(); !done() && waited.Elapsed < limit;)
    {
        await Task.Delay(50);
    }
}
