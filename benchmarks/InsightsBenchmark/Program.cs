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
internal static class Benchmark
{
    private const int Runs = 5;

    public static async Task Main()
    {
        var rows = new List<string>();
        foreach (var (provider, connection) in await DatabasesAsync())
        {
            await using var host = new PortalHost(provider, connection);
            var services = host.Services;
            var dbFactory = services.GetRequiredService<IDbContextFactory<BookingDbContext>>();
            var nowUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var seeding = Stopwatch.StartNew();
            var (serviceId, openingId) = await BusyClinicHistory.SeedAsync(dbFactory, nowUtc);
            Console.WriteLine($"{provider}: seeded in {seeding.Elapsed.TotalSeconds:F0} s");
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                Console.WriteLine($"{provider}: {await db.Bookings.CountAsync(b => b.ServiceId == serviceId):N0} bookings, {await db.QueueEntries.CountAsync(e => e.OpeningId == openingId):N0} in the latest opening's queue");
            }

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
        }

        var report = $"""

            ## Insights, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

            Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; the app hosted in the benchmark process (Release), PostgreSQL from `tools/with-postgres.sh`.
            Command: `tools/with-postgres.sh dotnet run -c Release --project benchmarks/InsightsBenchmark`

            One service with a year of a busy clinic: {BusyClinicHistory.Bookings:N0} appointments (52 weeks back and 4 ahead, weekday slots every 30 minutes, about 36 each), 20,000 waitlist entries, and 53 weekly openings ({BusyClinicHistory.QueuePerOpening} in each queue, {BusyClinicHistory.QueueLatestOpening:N0} in the latest). Queries = the page's service call plus building its charts' series and tables, through the real services on the real database: the first call (query compilation included) and {Runs} more (median, max). Render = the page's charts rendered to HTML once (InsightsChart with MudBlazor's chart SVG, HtmlRenderer), after the queries. Goal: under a second.

            | database | page | queries, first | queries, median | queries, max | render charts | charts |
            | --- | --- | --- | --- | --- | --- | --- |
            {string.Join('\n', rows)}
            """;
        var resultsFile = Path.Combine(RepositoryRoot(), "benchmarks", "RESULTS.md");
        await File.AppendAllTextAsync(resultsFile, report + "\n");
        Console.WriteLine($"Appended to {resultsFile}");
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

    private static async Task<double> TimeRenderAsync(IServiceProvider services, IReadOnlyList<ChartFigure> figures)
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

    private static async Task<List<(DatabaseProvider, string)>> DatabasesAsync()
    {
        var databases = new List<(DatabaseProvider, string)> { (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), $"insights-{Guid.NewGuid():N}.db")};Default Timeout=300") };
        if (Environment.GetEnvironmentVariable("BOOKINGPORTAL_TEST_POSTGRES") is { Length: > 0 } admin)
        {
            var name = $"insights_{Guid.NewGuid():N}";
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection).ExecuteNonQueryAsync();
            databases.Add((DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString()));
        }

        return databases;
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BookingPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
