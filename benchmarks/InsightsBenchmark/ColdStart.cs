using System.Diagnostics;
using BookingContentionBenchmark;
using BookingPortal.Data;
using BookingPortal.Features.Insights;
using BookingPortal.Features.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace InsightsBenchmark;

/// <summary>
/// The first Insights page a staff member opens after the portal starts, each in a fresh process of its own (--cold):
/// the portal's start-up, then the page's queries (the choices and the figures, as the page asks for them) and its
/// charts' markup, split by <see cref="EfTimings"/> into EF Core's query compilation, SQL and the rest; then the same page
/// again, warm. "at once" opens the page as soon as the portal has started; "after warm-up" first waits for the portal's
/// Insights warm-up when the build has one (a build without it opens the page at once in both).
/// </summary>
internal static class ColdStart
{
    public const string ChildFlag = "--cold-child";
    private const string RowMark = "COLD|";
    private static readonly string[] PageNames = ["Release opening (latest, 5,000 in line)", "Bookings and no-shows, 52 weeks", "Demand heat maps, 52 weeks"];

    public static async Task<List<string>> RunAsync(DatabaseProvider provider, string connection, int serviceId, long openingId)
    {
        var rows = new List<string> { $"| {provider} | EF Core model, built in a fresh process | {await ChildAsync(provider, connection, serviceId, openingId, "model", "-")} |" };
        foreach (var variant in new[] { "at once", "after warm-up" })
        {
            for (var page = 0; page < PageNames.Length; page++)
            {
                rows.Add($"| {provider} | {PageNames[page]}, {variant} | {await ChildAsync(provider, connection, serviceId, openingId, page.ToString(), variant)} |");
                Console.WriteLine(rows[^1]);
            }
        }

        return rows;
    }

    private static async Task<string> ChildAsync(DatabaseProvider provider, string connection, int serviceId, long openingId, string what, string variant)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ColdStart).Assembly.Location);
        }

        foreach (var argument in new[] { ChildFlag, provider.ToString(), connection, serviceId.ToString(), openingId.ToString(), what, variant })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var row = output.Split('\n').LastOrDefault(line => line.StartsWith(RowMark, StringComparison.Ordinal));
        return row?[RowMark.Length..] ?? $"failed (exit {child.ExitCode})";
    }

    /// <summary>In the fresh process: one measurement, printed as the cells of one row.</summary>
    public static async Task ChildMainAsync(string[] args)
    {
        var at = Array.IndexOf(args, ChildFlag);
        var provider = Enum.Parse<DatabaseProvider>(args[at + 1]);
        var (connection, serviceId, openingId, what, variant) = (args[at + 2], int.Parse(args[at + 3]), long.Parse(args[at + 4]), args[at + 5], args[at + 6]);
        var cells = what == "model"
            ? ModelBuild(provider, connection)
            : await FirstLoadAsync(provider, connection, serviceId, openingId, int.Parse(what), variant == "after warm-up");
        Console.WriteLine(RowMark + cells);
    }

    /// <summary>What building EF Core's model costs in a process that has not built it (the portal does it once, at start-up, migrating).</summary>
    private static string ModelBuild(DatabaseProvider provider, string connection)
    {
        var watch = Stopwatch.StartNew();
        using BookingDbContext db = provider == DatabaseProvider.Postgres
            ? new PostgresBookingDbContext(new DbContextOptionsBuilder<PostgresBookingDbContext>().UseNpgsql(connection).Options)
            : new SqliteBookingDbContext(new DbContextOptionsBuilder<SqliteBookingDbContext>().UseSqlite(connection).Options);
        var entities = db.Model.GetEntityTypes().Count();
        return $"{watch.Elapsed.TotalMilliseconds:F0} ms ({entities} entity types) | - | - | - | - | - | - | - | - | -";
    }

    private static async Task<string> FirstLoadAsync(DatabaseProvider provider, string connection, int serviceId, long openingId, int page, bool waitForWarmUp)
    {
        var timings = EfTimings.Listen();
        var watch = Stopwatch.StartNew();
        await using var host = new PortalHost(provider, connection);
        _ = host.Services;
        var startup = watch.Elapsed.TotalMilliseconds;
        var waited = waitForWarmUp ? await WarmUpAsync(host.Services) : "-";

        using var scope = host.Services.CreateScope();
        var load = PageLoad(scope.ServiceProvider, page, serviceId, openingId);
        timings.Measure();
        watch.Restart();
        var figures = await load();
        var first = watch.Elapsed;
        var (compile, sql, reading, compilations, commands) = timings.Snapshot();
        var rest = first - compile - sql - reading;
        var render = await Benchmark.TimeRenderAsync(scope.ServiceProvider, figures);
        watch.Restart();
        figures = await load();
        var second = watch.Elapsed.TotalMilliseconds;
        var secondRender = await Benchmark.TimeRenderAsync(scope.ServiceProvider, figures);
        return $"{startup:F0} ms | {waited} | **{first.TotalMilliseconds + render:F0} ms** | {first.TotalMilliseconds:F0} ms | {compile.TotalMilliseconds:F0} ms ({compilations}) | "
               + $"{sql.TotalMilliseconds:F0} ms ({commands}) | {reading.TotalMilliseconds:F0} ms | {rest.TotalMilliseconds:F0} ms | {render:F0} ms | {second + secondRender:F0} ms";
    }

    /// <summary>Waits for the portal's Insights warm-up, found by name so that a build without one still runs this harness.</summary>
    private static async Task<string> WarmUpAsync(IServiceProvider services)
    {
        var type = typeof(BookingDbContext).Assembly.GetType("BookingPortal.Features.Insights.InsightsWarmUp");
        if (type is null || services.GetService(type) is not { } warmUp || type.GetProperty("Finished")?.GetValue(warmUp) is not Task finished)
        {
            return "no warm-up";
        }

        var watch = Stopwatch.StartNew();
        await finished;
        var outcome = finished.GetType().GetProperty("Result")?.GetValue(finished);
        return $"{watch.Elapsed.TotalMilliseconds:F0} ms ({outcome})";
    }

    /// <summary>What the page asks for when it opens: its choices, then the figures, then its charts' series and tables.</summary>
    private static Func<Task<IReadOnlyList<ChartFigure>>> PageLoad(IServiceProvider services, int page, int serviceId, long openingId)
    {
        var actor = new StaffActor("bench", "bench", IsStaff: true, IsAdmin: false);
        var text = services.GetRequiredService<IStringLocalizer<InsightsText>>();
        var choices = services.GetRequiredService<InsightsChoices>();
        return page switch
        {
            0 => async () => await choices.OpeningsAsync(actor) is { Count: > 0 }
                ? new OpeningCharts(text).For((await services.GetRequiredService<OpeningInsightsQueries>().GetAsync(actor, openingId))!)
                : [],
            1 => async () => await choices.ServicesAsync(actor) is { Count: > 0 }
                ? new TrendCharts(text).For((await services.GetRequiredService<BookingTrendsQueries>().GetAsync(actor, serviceId, 52))!)
                : [],
            _ => async () => await choices.ServicesAsync(actor) is { Count: > 0 }
                ? new DemandCharts(text).For((await services.GetRequiredService<DemandQueries>().GetAsync(actor, serviceId, 52))!)
                : [],
        };
    }
}
