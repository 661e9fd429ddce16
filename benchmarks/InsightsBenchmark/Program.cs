using System.Diagnostics;
using BookingContentionBenchmark;
using BookingPortal.Data;
using BookingPortal.Features.Insights;
using BookingPortal.Features.Insights.Components;
using BookingPortal.Features.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace InsightsBenchmark;

// Insights over a year of a busy clinic: 200,000 appointments (BusyClinicHistory) on SQLite and, when
// BOOKINGPORTAL_TEST_POSTGRES names a server (tools/with-postgres.sh sets it), on PostgreSQL. Times each Insights
// page's queries through the real services, then the charts' markup (InsightsChart rendered to HTML, MudBlazor's SVG).
//   tools/with-postgres.sh dotnet run -c Release --project benchmarks/InsightsBenchmark
// Two builds on the same rows (see BenchmarkOptions): --reuse NAME --seed-only once, then each build with --reuse NAME --label X.
internal static class Benchmark
{
    private const int Runs = 5;

    public static async Task Main(string[] args)
    {
        if (args.Contains(ColdStart.ChildFlag))
        {
            await ColdStart.ChildMainAsync(args);
            return;
        }

        var options = BenchmarkOptions.Parse(args);
        var loadBefore = await File.ReadAllTextAsync("/proc/loadavg");
        var rows = new List<string>();
        var cold = new List<(DatabaseProvider, string, int, long)>();
        foreach (var (provider, connection) in await DatabasesAsync(options))
        {
            await using var host = new PortalHost(provider, connection);
            var (serviceId, openingId) = await SeededAsync(host.Services, provider, options);
            if (options.SeedOnly)
            {
                continue;
            }

            if (options.Cold)
            {
                cold.Add((provider, connection, serviceId, openingId));
                continue;
            }

            rows.AddRange(await TimePagesAsync(host.Services, provider, serviceId, openingId));
        }

        if (options.SeedOnly)
        {
            return;
        }

        if (options.Cold)
        {
            await ColdReport.AppendAsync(options, args, cold, loadBefore);
            return;
        }

        var report = $"""

            ## Insights{options.LabelSuffix}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

            Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; the app hosted in the benchmark process (Release), PostgreSQL from `tools/with-postgres.sh`.
            Command: `tools/with-postgres.sh dotnet run -c Release --project benchmarks/InsightsBenchmark -- {string.Join(' ', args)}`

            One service with a year of a busy clinic: {BusyClinicHistory.Bookings:N0} appointments (52 weeks back and 4 ahead, weekday slots every 30 minutes, about 36 each), 20,000 waitlist entries, and 53 weekly openings ({BusyClinicHistory.QueuePerOpening} in each queue, {BusyClinicHistory.QueueLatestOpening:N0} in the latest). Queries = the page's service call plus building its charts' series and tables, through the real services on the real database: the first call (query compilation included) and {Runs} more (median, max). Render = the page's charts rendered to HTML once (InsightsChart with MudBlazor's chart SVG, HtmlRenderer), after the queries. Goal: under a second.

            | database | page | queries, first | queries, median | queries, max | render charts | charts |
            | --- | --- | --- | --- | --- | --- | --- |
            {string.Join('\n', rows)}
            """;
        var resultsFile = Path.Combine(RepositoryRoot(), "benchmarks", "RESULTS.md");
        await File.AppendAllTextAsync(resultsFile, report + "\n");
        Console.WriteLine($"Appended to {resultsFile}");
    }

    /// <summary>
    /// Seeds the history, or finds it in a database kept by an earlier run (--reuse), so two builds can be timed on the same rows.
    /// PostgreSQL's statistics and visibility map are brought up to date first, as autovacuum keeps them on a year-old database.
    /// </summary>
    private static async Task<(int ServiceId, long OpeningId)> SeededAsync(IServiceProvider services, DatabaseProvider provider, BenchmarkOptions options)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<BookingDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var serviceId = await db.Services.Where(s => s.Name == BusyClinicHistory.ServiceName).Select(s => (int?)s.Id).FirstOrDefaultAsync();
        long openingId;
        if (serviceId is { } existing)
        {
            openingId = await db.ReleaseOpenings.Where(o => db.Releases.Any(r => r.Id == o.ReleaseId && r.ServiceId == existing)).MaxAsync(o => o.Id);
            Console.WriteLine($"{provider}: reusing the seeded history");
            // Histories seeded by an older build have a seed that is not hex.
            await db.ReleaseOpenings.Where(o => o.Seed == "bench").ExecuteUpdateAsync(o => o.SetProperty(x => x.Seed, BusyClinicHistory.DrawSeed));
        }
        else
        {
            var seeding = Stopwatch.StartNew();
            (serviceId, openingId) = await BusyClinicHistory.SeedAsync(dbFactory, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            Console.WriteLine($"{provider}: seeded in {seeding.Elapsed.TotalSeconds:F0} s");
        }

        if (provider == DatabaseProvider.Postgres && !options.SeedOnly)
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }

        Console.WriteLine($"{provider}: {await db.Bookings.CountAsync(b => b.ServiceId == serviceId):N0} bookings, {await db.QueueEntries.CountAsync(e => e.OpeningId == openingId):N0} in the latest opening's queue");
        return (serviceId.Value, openingId);
    }

    private static async Task<List<string>> TimePagesAsync(IServiceProvider services, DatabaseProvider provider, int serviceId, long openingId)
    {
        var rows = new List<string>();
        var actor = new StaffActor("bench", "bench", IsStaff: true, IsAdmin: false);
        using var scope = services.CreateScope();
        var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer<InsightsText>>();
        var pages = new (string Name, Func<Task<IReadOnlyList<ChartFigure>>> Load)[]
        {
            ("Release opening (latest, 5,000 in line)", async () => new OpeningCharts(text).For((await scope.ServiceProvider.GetRequiredService<OpeningInsightsQueries>().GetAsync(actor, openingId))!)),
            ("Bookings and no-shows, 52 weeks", async () => new TrendCharts(text).For((await scope.ServiceProvider.GetRequiredService<BookingTrendsQueries>().GetAsync(actor, serviceId, 52))!)),
            ("Demand heat maps, 52 weeks", async () => new DemandCharts(text).For((await scope.ServiceProvider.GetRequiredService<DemandQueries>().GetAsync(actor, serviceId, 52))!)),
        };
        foreach (var (name, load) in pages)
        {
            var (first, timings, figures) = await TimeAsync(load);
            var render = await TimeRenderAsync(scope.ServiceProvider, figures);
            var line = $"| {provider} | {name} | {first:F0} ms | {Median(timings):F0} ms | {timings.Max():F0} ms | {render:F0} ms | {figures.Count} |";
            Console.WriteLine(line);
            rows.Add(line);
        }

        return rows;
    }

    private static async Task<(double First, double[] Timings, IReadOnlyList<ChartFigure> Figures)> TimeAsync(Func<Task<IReadOnlyList<ChartFigure>>> load)
    {
        var watch = Stopwatch.StartNew();
        var figures = await load();
        var first = watch.Elapsed.TotalMilliseconds;
        var timings = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            watch.Restart();
            figures = await load();
            timings[i] = watch.Elapsed.TotalMilliseconds;
        }

        return (first, timings, figures);
    }

    internal static async Task<double> TimeRenderAsync(IServiceProvider services, IReadOnlyList<ChartFigure> figures)
    {
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var watch = Stopwatch.StartNew();
        var length = 0;
        foreach (var figure in figures)
        {
            length += await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<InsightsChart>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(InsightsChart.Figure)] = figure }))).ToHtmlString().Length);
        }

        return length > 0 ? watch.Elapsed.TotalMilliseconds : double.NaN;
    }

    /// <summary>A fresh database per run, or with --reuse a named one that outlives the run (PostgreSQL's only while its cluster does).</summary>
    private static async Task<List<(DatabaseProvider, string)>> DatabasesAsync(BenchmarkOptions options)
    {
        var name = options.Reuse ?? Guid.NewGuid().ToString("N");
        var databases = new List<(DatabaseProvider, string)> { (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), $"insights-{name}.db")};Default Timeout=300") };
        if (Environment.GetEnvironmentVariable("BOOKINGPORTAL_TEST_POSTGRES") is { Length: > 0 } admin)
        {
            var database = $"insights_{name}";
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            var exists = await new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{database}'", connection).ExecuteScalarAsync() is not null;
            if (!exists)
            {
                await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection).ExecuteNonQueryAsync();
            }

            databases.Add((DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString()));
        }

        return databases;
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BookingPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
