using Npgsql;
using Quartz;

namespace BookingPortal.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    public const string RunScheduledJobsKey = "Jobs:RunScheduledJobs";

    /// <summary>
    /// Quartz.NET. On the embedded SQLite file (one process by nature) the in-memory store is
    /// enough: the triggers are declared in code and rebuilt at every start. On a server database
    /// every instance joins one cluster on the ADO job store in that database, so each trigger
    /// fires on one instance only and a dead instance's work is taken over. Each feature adds its
    /// own jobs; every job is [DisallowConcurrentExecution] and idempotent in its service.
    /// </summary>
    public static WebApplicationBuilder AddPortalJobs(this WebApplicationBuilder builder)
    {
        var database = DataServiceCollectionExtensions.ReadOptions(builder.Configuration, builder.Environment);

        // The scheduler only decides when a job runs; what the job does reads the injected
        // TimeProvider, so tests drive the work by calling the services with a fake clock.
        builder.Services.AddSingleton<JobRunLog>();
        var featureJobs = ScheduledJobs.RegisteredIn(builder.Services);
        builder.Services.AddQuartz(quartz =>
        {
            if (database.IsServerDatabase)
            {
                quartz.UsePersistentStore(store => UseClusteredStore(store, database));
            }

            foreach (var jobs in featureJobs)
            {
                jobs.Schedule(quartz);
            }

            quartz.AddJobListener(sp => sp.GetRequiredService<JobRunLog>());
        });
        // An instance that only serves pages and the API (Jobs:RunScheduledJobs false) still writes
        // triggers, such as a release's opening, to the shared job store; it just never fires them.
        var runsJobs = builder.Configuration.GetValue(RunScheduledJobsKey, defaultValue: true);
        if (!runsJobs && !database.IsServerDatabase && !builder.Environment.IsEnvironment("Testing"))
        {
            // The embedded file serves one process: if it runs no jobs, nothing does (holds, offers, messages, openings).
            throw new InvalidOperationException(
                $"'{RunScheduledJobsKey}' may be false only on a server database, where another instance runs the jobs; on the embedded SQLite database this process must run them.");
        }

        builder.Services.AddSingleton(new ScheduledJobsSetting(runsJobs));
        if (runsJobs)
        {
            builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        }

        return builder;
    }

    /// <summary>The job store every instance on a server database shares (and a client that only writes triggers must use).</summary>
    internal static void UseClusteredStore(IPersistentStoreBuilder store, DatabaseOptions database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                store.UsePostgres(NpgsqlFactory.Instance, database.ConnectionString);
                break;
            case DatabaseProvider.SqlServer:
                store.UseSqlServer(database.ConnectionString);
                break;
        }

        store.UseClustering(cluster =>
        {
            // A killed instance's triggers and firings are taken over within about 20 seconds.
            cluster.CheckinInterval = TimeSpan.FromSeconds(5);
            cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
        });
    }
}

/// <summary>Whether this instance fires the scheduled jobs; at least one instance on a database must.</summary>
public sealed record ScheduledJobsSetting(bool RunsOnThisInstance);
