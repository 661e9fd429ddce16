using Quartz;

namespace BookingPortal.Features.Releases;

/// <summary>
/// One Quartz trigger per release: a cron in the service's time zone for a weekly release (so
/// Quartz keeps 09:00 at 09:00 across DST), a one-shot trigger for a one-off. Saving a release
/// replaces its trigger.
/// </summary>
[SingletonService]
public sealed class ReleaseScheduler(ISchedulerFactory schedulers, TimeProvider time, ILogger<ReleaseScheduler> logger)
{
    public static readonly JobKey JobKey = new(nameof(ReleaseOpeningJob), "releases");

    public static TriggerKey TriggerKeyFor(int releaseId) => new($"release-{releaseId}", "releases");

    public async Task ScheduleAsync(Release release, TimeZoneInfo zone, DateTimeOffset nowUtc, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetJobDetail(JobKey, cancellationToken) is null)
        {
            await scheduler.AddJob(JobBuilder.Create<ReleaseOpeningJob>().WithIdentity(JobKey).StoreDurably().Build(), AddJobOptions.Replacing, cancellationToken);
        }

        var key = TriggerKeyFor(release.Id);
        await scheduler.UnscheduleJob(key, cancellationToken);
        // On the scheduler's clock (the container's TimeProvider): a trigger on the system clock under a scheduler whose
        // clock was moved past the opening misfired again after every misfire, and the store spun on it under its lock.
        var builder = TriggerBuilder.Create(time).WithIdentity(key).ForJob(JobKey).UsingJobData(ReleaseOpeningJob.ReleaseIdKey, release.Id);
        if (release.IsRecurring)
        {
            builder = builder.WithCronSchedule(ReleaseSchedule.Cron(release), cron => cron.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed));
        }
        else if (release.OpensAtUtc is { } once && once > nowUtc.UtcDateTime)
        {
            builder = builder.StartAt(new DateTimeOffset(once, TimeSpan.Zero)).WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow));
        }
        else
        {
            return;
        }

        await scheduler.ScheduleJob(builder.Build(), ScheduleJobOptions.Replacing, cancellationToken);
        logger.LogInformation("Release {ReleaseId} scheduled; next opening {Next:o}.", release.Id, await NextFireTimeAsync(release.Id, cancellationToken));
    }

    public async Task<DateTimeOffset?> NextFireTimeAsync(int releaseId, CancellationToken cancellationToken = default)
    {
        var trigger = await (await schedulers.GetScheduler(cancellationToken)).GetTrigger(TriggerKeyFor(releaseId), cancellationToken);
        return trigger?.NextFireTimeUtc;
    }
}

/// <summary>Schedules every release at start-up.</summary>
internal sealed class ReleaseSchedulingStartup(IServiceScopeFactory scopes, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            var releases = await db.Releases.AsNoTracking().Join(db.Services, r => r.ServiceId, s => s.Id, (r, s) => new { Release = r, s.TimeZoneId }).ToListAsync(cancellationToken);
            var scheduler = scope.ServiceProvider.GetRequiredService<ReleaseScheduler>();
            foreach (var item in releases)
            {
                await scheduler.ScheduleAsync(item.Release, TimeZoneCache.Find(item.TimeZoneId), time.GetUtcNow(), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
