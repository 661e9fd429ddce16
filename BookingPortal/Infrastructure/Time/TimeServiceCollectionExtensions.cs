using BookingPortal.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace BookingPortal.Infrastructure.Time;

public static class TimeServiceCollectionExtensions
{
    public const string ClockControlKey = "Testing:ClockControl";

    /// <summary>All time comes from TimeProvider so tests can move the clock.</summary>
    public static WebApplicationBuilder AddClock(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(ClockControlKey))
        {
            if (!TestRunEnvironments.Allows(builder.Environment))
            {
                throw new InvalidOperationException(
                    $"'{ClockControlKey}' lets anyone move the clock: it is for test runs only (environment Development or {TestRunEnvironments.Testing}), not {builder.Environment.EnvironmentName}.");
            }

            builder.Services.TryAddSingleton(new ShiftableClock(TimeProvider.System));
            builder.Services.TryAddSingleton<TimeProvider>(sp => sp.GetRequiredService<ShiftableClock>());
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<BrowserTimeZone>();
        return builder;
    }

    /// <summary>
    /// Whether the test-run endpoints that come with clock control (these, and features' own such as the queue's) are
    /// mapped. Checked where they are mapped, not only where the clock is registered: they must not exist in Staging or
    /// Production whatever registered a clock.
    /// </summary>
    public static bool MapsTestRunEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.ServiceProvider.GetService<ShiftableClock>() is not null
        && TestRunEnvironments.Allows(endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>());

    /// <summary>
    /// With clock control on: POST /testing/clock?utc=… moves the clock forward and runs every
    /// scheduled job once at the new time, so a browser test sees a no-show sweep at once.
    /// GET /testing/memory runs a full compacting collection and reports the managed heap and what SQLite
    /// holds: RSS alone mixes live objects with garbage not yet collected, so benchmarks read what survives.
    /// </summary>
    public static IEndpointRouteBuilder MapClockControl(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.MapsTestRunEndpoints())
        {
            return endpoints;
        }

        endpoints.MapPost("/testing/clock", async (DateTimeOffset utc, ShiftableClock clock, ISchedulerFactory schedulers, CancellationToken cancellationToken) =>
        {
            var now = clock.MoveTo(utc);
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), cancellationToken);
            foreach (var key in jobs)
            {
                await scheduler.TriggerJob(key, cancellationToken);
            }

            return Results.Ok(new { now, jobsTriggered = jobs.Count });
        }).DisableAntiforgery();
        endpoints.MapGet("/testing/memory", (DatabaseOptions database) =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            // SQLite's own allocations (every connection's page cache among them) are native: no collection sees them.
            // On another provider SQLite is never loaded, and asking it would throw.
            return Results.Ok(new
            {
                heapBytes = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes,
                totalBytes = GC.GetTotalMemory(forceFullCollection: false),
                sqliteBytes = database.Provider == DatabaseProvider.Sqlite ? SQLitePCL.raw.sqlite3_memory_used() : (long?)null,
            });
        });
        return endpoints;
    }
}
