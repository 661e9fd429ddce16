using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using WaitingRoomBenchmark;

// How many waiting customers one portal instance holds, what each costs in memory, and how long a
// queue change takes to reach them. Run: dotnet run -c Release --project benchmarks/WaitingRoomBenchmark -- --circuits 10000
var circuits = Option("--circuits", 1000);
// One customer per circuit unless told otherwise (--users 100 is the earlier run's 100 customers with many tabs each).
var userCount = Option("--users", circuits);
var parallel = Option("--parallel", 64);
var http2 = args.Contains("--http2");
var root = RepositoryRoot();
if (!BlazorPackProtocol.RenderCompleted(1_234_567).AsSpan().SequenceEqual(BlazorPackProtocol.Invocation(null, "OnRenderCompleted", 1_234_567L, null).Span))
{
    throw new InvalidOperationException("The hand-written OnRenderCompleted differs from SignalR's own encoding of it.");
}

var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
Console.WriteLine($"Waiting-room benchmark: {circuits} circuits from {userCount} signed-in customers, {Environment.ProcessorCount} cores, load {loadBefore}.");

await using var portal = await PortalUnderTest.StartAsync(root, http2);
await using var db = new SqliteConnection($"Data Source={portal.DatabasePath};Default Timeout=60");
await db.OpenAsync();
using var pages = Browser.SharedPages(parallel);
using var pageLoads = new HttpMessageInvoker(pages, disposeHandler: false);
var seeding = Stopwatch.StartNew();
var users = await Customers.CreateAsync(portal, db, pageLoads, userCount, parallel);
Console.WriteLine($"{users.Count} customers seeded and signed in in {seeding.Elapsed.TotalSeconds:0.0} s.");
// With --http2 each customer's tabs share their browser's HTTP/2 connection to the circuit endpoint (100 streams each).
var http2Connections = new HttpMessageInvoker?[users.Count];
HttpMessageInvoker? Http2Of(int customer) => !http2 ? null
    : http2Connections[customer] ??= new HttpMessageInvoker(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseCookies = false });

if (args.Contains("--services-list"))
{
    await ServicesListVisitors.MeasureAsync(portal, users, pages, circuits, parallel, root);
    return;
}

var serviceId = Convert.ToInt32(await Sql.ScalarAsync(db, "SELECT Id FROM Services WHERE Name = 'Dermatology Clinic'"), CultureInfo.InvariantCulture);
await Sql.ExecuteAsync(db, "UPDATE Releases SET AdmissionPaused = 1");
await MoveClockAsync(portal.BaseUri, NextMondayNineNewYork().AddSeconds(1));
var path = $"services/{serviceId}/book";
await Browser.GetPageAsync(pageLoads, portal.BaseUri, users[0].Cookies, path, CancellationToken.None);
var openingId = Convert.ToInt64(await Sql.ScalarAsync(db, "SELECT Id FROM ReleaseOpenings ORDER BY OpensAtUtc DESC LIMIT 1"), CultureInfo.InvariantCulture);
await SeatEveryoneInLineAsync(db, openingId, users.Select(u => u.Id).ToList());
var entries = Convert.ToInt32(await Sql.ScalarAsync(db, $"SELECT COUNT(DISTINCT CustomerId) FROM QueueEntries WHERE OpeningId = {openingId} AND Status = 'Waiting'"), CultureInfo.InvariantCulture);

var probe = await Browser.GetPageAsync(pageLoads, portal.BaseUri, users[^1].Cookies, path, CancellationToken.None);
var stage = Regex.Match(probe, "data-stage=\"(?<stage>[A-Za-z]+)\"").Groups["stage"].Value;
Console.WriteLine($"{entries} distinct customers wait in line; the last one's prerendered waiting room is at stage '{stage}'.");

GC.Collect();
var heapBefore = await portal.LiveHeapBytesAsync();
var before = portal.ResidentBytes();
var connect = Stopwatch.StartNew();
// A tenth of the crowd first, read again once it is drawn: the first circuits also pay what the portal pays once (the
// circuit path's code paged in and compiled, first-use caches, the pools and threads a crowd grows), which no further
// circuit costs. Growth from there, over the other nine tenths, is what one more circuit costs.
var clients = new CircuitClient?[circuits];
var warmUp = circuits / 10;
var stoppedBecause = await CircuitCrowd.OpenAsync(portal, users, pages, Http2Of, path, clients, 0, warmUp, parallel);
await WaitUntilAsync(() => clients.Take(warmUp).All(c => c is null || c.Settled), TimeSpan.FromSeconds(60));
var warmRendered = clients.Count(c => c?.Drawn == true);
connect.Stop();
var heapWarm = await portal.LiveHeapBytesAsync();
var warm = portal.ResidentBytes();
connect.Start();
stoppedBecause ??= await CircuitCrowd.OpenAsync(portal, users, pages, Http2Of, path, clients, warmUp, circuits, parallel);
var opened = clients.Count(c => c is not null);
if (stoppedBecause is not null)
{
    Console.WriteLine($"Stopped opening circuits at {opened} of {circuits}: {stoppedBecause}.");
}

await WaitUntilAsync(() => clients.All(c => c is null || c.Settled), TimeSpan.FromSeconds(60));
var rendered = clients.Count(c => c?.Drawn == true);
connect.Stop();
await Task.Delay(TimeSpan.FromSeconds(5));
// Both readings after the same full collection as the one before: RSS read ahead of it counted garbage
// not yet collected, which the reading before (taken after a collection) did not.
var (heapAfter, sqliteAfter) = await portal.MemoryAsync();
var after = portal.ResidentBytes();
var databaseConnections = portal.DatabaseConnections();
// BENCH_PAUSE=seconds holds the crowd here, after the memory reading, so that a heap tool can attach to the portal.
if (Environment.GetEnvironmentVariable("BENCH_PAUSE") is { } pause)
{
    Console.WriteLine($"Holding for {pause} s: the portal is process {portal.ProcessId}.");
    await Task.Delay(TimeSpan.FromSeconds(int.Parse(pause, CultureInfo.InvariantCulture)));
}

// One change through the portal before anything is timed: the first call of its leave path compiles its code and queries.
using var portalCalls = new HttpClient { BaseAddress = portal.BaseUri };
var leaveFirst = async () => (await portalCalls.PostAsync($"testing/queue/leave-first?openingId={openingId}", null)).EnsureSuccessStatusCode();
var missed = await RoundAsync([], leaveFirst);
await Task.Delay(TimeSpan.FromSeconds(2));

var idleBefore = clients.Sum(c => c?.Batches ?? 0);
var idleCpuBefore = portal.CpuTime();
await Task.Delay(TimeSpan.FromSeconds(3));
var idleCpu = portal.CpuTime() - idleCpuBefore;
var idleBatches = clients.Sum(c => c?.Batches ?? 0) - idleBefore;
Console.WriteLine($"first circuit: {clients[0]?.Batches} batches, error: {clients[0]?.Error ?? "none"}");
Console.WriteLine($"{rendered} of {circuits} circuits rendered the waiting room in {connect.Elapsed.TotalSeconds:0.0} s; {idleBatches} render batches in 3 idle seconds.");

var delays = new List<double>();
var updateCpu = TimeSpan.Zero;
var clientCpu = TimeSpan.Zero;
var machineBefore = PortalUnderTest.MachineCpu();
// The first in line leaves and every other place moves up, so every circuit must be redrawn. On one instance every
// change is the portal's own (a customer's leave, the admission job): it leaves through the portal's queue service.
for (var round = 0; round < 3; round++)
{
    var cpuBefore = portal.CpuTime();
    var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    missed += await RoundAsync(delays, leaveFirst);
    updateCpu += portal.CpuTime() - cpuBefore;
    clientCpu += Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore;
    await Task.Delay(TimeSpan.FromSeconds(2));
}

// One more, written to the database behind the portal's back as another instance would: seen at the next fingerprint poll.
var elsewhereDelays = new List<double>();
missed += await RoundAsync(elsewhereDelays, () => Sql.ExecuteAsync(db, $"UPDATE QueueEntries SET Status = 'Left' WHERE OpeningId = {openingId} AND Sequence = (SELECT MIN(Sequence) FROM QueueEntries WHERE OpeningId = {openingId} AND Status = 'Waiting')"));

var machineAfter = PortalUnderTest.MachineCpu();
var stolenPercent = 100.0 * (machineAfter.Stolen - machineBefore.Stolen) / Math.Max(1, machineAfter.Total - machineBefore.Total);

delays.Sort();
elsewhereDelays.Sort();
double Percentile(double p) => PercentileOf(delays, p);
var perCircuitKb = rendered == 0 ? double.NaN : (after - before) / 1024.0 / rendered;
var livePerCircuitKb = rendered == 0 ? double.NaN : (heapAfter - heapBefore) / 1024.0 / rendered;
var further = clients.Skip(warmUp).Count(c => c?.Drawn == true);
var furtherKb = further == 0 ? double.NaN : (after - warm) / 1024.0 / further;
var liveFurtherKb = further == 0 ? double.NaN : (heapAfter - heapWarm) / 1024.0 / further;
var summary = string.Join(Environment.NewLine,
[
    $"## Waiting room, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
    "",
    $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; portal in Release on SQLite, client on the same machine.",
    $"Command: `dotnet run -c Release --project benchmarks/WaitingRoomBenchmark -- {string.Join(' ', args)}`; `ulimit -n` {portal.OpenFiles().Limit}; /proc/loadavg before: {loadBefore}, after: {File.ReadAllText("/proc/loadavg").Trim()}.",
    CircuitClient.OffersCompression
        ? "Circuits' WebSockets offer permessage-deflate, as browsers do."
        : "Circuits' WebSockets offer no compression (BENCH_DEFLATE=0).",
    .. (stoppedBecause is null ? Array.Empty<string>() : [$"Stopped opening circuits at {opened} of {circuits}: {stoppedBecause}."]),
    "",
    "| measure | value | target |",
    "| --- | --- | --- |",
    $"| circuits holding the waiting room | {rendered} of {circuits} ({users.Count} customers, {entries} distinct ones waiting in line; {Math.Max(1, circuits / Math.Max(1, users.Count))} tab(s) each) | 20,000 |",
    $"| time to open them ({parallel} at a time) | {connect.Elapsed.TotalSeconds:0.0} s | — |",
    $"| server memory per circuit (RSS growth / circuits, both read after a full GC) | {perCircuitKb:0.0} KB | < 150 KB |",
    $"| live managed memory per circuit (heap after a full GC, growth / circuits) | {livePerCircuitKb:0.0} KB | < 150 KB |",
    $"| server memory per further circuit (RSS growth after the first {warmRendered} / the {further} after them) | {furtherKb:0.0} KB | — |",
    $"| live managed memory per further circuit (heap growth after the first {warmRendered} / the {further} after them) | {liveFurtherKb:0.0} KB | — |",
    $"| SQLite's memory with the crowd in (all its connections: {databaseConnections} open on the database) | {sqliteAfter / 1048576.0:0.0} MB | — |",
    $"| render batches while nothing changed (3 s, all circuits) | {idleBatches} | 0 |",
    $"| queue change → update at the circuit, p50 / p95 / max (3 changes made through the portal, as on one instance) | {Percentile(0.5):0} / {Percentile(0.95):0} / {Percentile(1):0} ms | p95 < 2,000 ms |",
    $"| the same for a change written to the database, as by another instance (seen at the next poll; 1 change) | {PercentileOf(elsewhereDelays, 0.5):0} / {PercentileOf(elsewhereDelays, 0.95):0} / {PercentileOf(elsewhereDelays, 1):0} ms | — |",
    $"| updates that never arrived (5 rounds, the first untimed) | {missed} | 0 |",
    $"| server CPU per circuit update (CPU time from each change through the portal until every circuit had it, / updates) | {updateCpu.TotalMicroseconds / Math.Max(1, delays.Count):0} µs | — |",
    // The crowd's devices share this machine's two cores with the server: what they take, the server waits for.
    $"| client CPU per circuit update (this process: receiving and acknowledging each batch, and watching for the last) | {clientCpu.TotalMicroseconds / Math.Max(1, delays.Count):0} µs | — |",
    $"| server CPU while nothing changed (3 s) | {idleCpu.TotalMilliseconds:0} ms | — |",
    $"| CPU time the host took from this machine during the rounds (steal) | {stolenPercent:0.0} % | — |",
    "",
]);
Console.WriteLine(summary);
await File.AppendAllTextAsync(Path.Combine(root, "benchmarks", "RESULTS.md"), summary + Environment.NewLine);
foreach (var client in clients.OfType<CircuitClient>())
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

static async Task SeatEveryoneInLineAsync(SqliteConnection db, long openingId, IReadOnlyList<string> customerIds)
{
    // Places drawn already (the draw itself is covered by the test suite): this measures holding and updating circuits.
    // One entry per customer, in one transaction, as the draw leaves them.
    var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    await using var transaction = (SqliteTransaction)await db.BeginTransactionAsync();
    await using var insert = db.CreateCommand();
    insert.CommandText = $"INSERT INTO QueueEntries (OpeningId, CustomerId, EarlyAccess, JoinedAtUtc, Sequence, Status) VALUES ({openingId}, $customer, 0, '{now}', $sequence, 'Waiting')";
    var customer = insert.Parameters.Add(new SqliteParameter { ParameterName = "$customer" });
    var sequence = insert.Parameters.Add(new SqliteParameter { ParameterName = "$sequence" });
    for (var i = 0; i < customerIds.Count; i++)
    {
        (customer.Value, sequence.Value) = (customerIds[i], i + 1);
        await insert.ExecuteNonQueryAsync();
    }

    await Sql.ExecuteAsync(db, $"UPDATE ReleaseOpenings SET EarlyDrawn = 1, PublicDrawn = 1, LastSequence = {customerIds.Count} WHERE Id = {openingId}");
    await transaction.CommitAsync();
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

// Makes one change and waits until every circuit drawn before it has had a render batch after it: the delays go to
// the list; returns how many never had one.
async Task<int> RoundAsync(List<double> roundDelays, Func<Task> change)
{
    var changedAt = Stopwatch.GetTimestamp();
    await change();
    var live = clients.OfType<CircuitClient>().Where(c => c.Drawn).ToList();
    await WaitUntilAsync(() => live.All(c => c.LastBatchTicks > changedAt), TimeSpan.FromSeconds(30));
    roundDelays.AddRange(live.Where(c => c.LastBatchTicks > changedAt).Select(c => Stopwatch.GetElapsedTime(changedAt, c.LastBatchTicks).TotalMilliseconds));
    return live.Count(c => c.LastBatchTicks <= changedAt);
}

static double PercentileOf(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static async Task WaitUntilAsync(Func<bool> done, TimeSpan limit)
{
    for (var waited = Stopwatch.StartNew(); !done() && waited.Elapsed < limit;)
    {
        await Task.Delay(50);
    }
}
