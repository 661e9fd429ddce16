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

    /// <summary>
    /// An instance that starts just after an opening (a restart, a deploy, a crash in the opening minute) replaced the
    /// trigger that should have fired, and Quartz would next fire it a week later: the webhooks were never told and the
    /// first tick waited for the admission job. So an opening passed within this long is opened now, once: the opener
    /// finds an opening it already made, and its event is keyed by the opening.
    /// </summary>
    public static readonly TimeSpan CatchUpWithin = TimeSpan.FromHours(1);

    public async Task CatchUpAsync(Release release, TimeZoneInfo zone, DateTimeOffset nowUtc, CancellationToken cancellationToken = default)
    {
        if (ReleaseSchedule.LatestOpening(release, zone, nowUtc.UtcDateTime) is not { } missed || nowUtc.UtcDateTime - missed > CatchUpWithin)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var catchUp = TriggerBuilder.Create(time).WithIdentity($"release-{release.Id}-catch-up", JobKey.Group).ForJob(JobKey)
            .UsingJobData(ReleaseOpeningJob.ReleaseIdKey, release.Id)
            .UsingJobData(ReleaseOpeningJob.OpensAtKey, new DateTimeOffset(missed, TimeSpan.Zero).ToUnixTimeMilliseconds())
            .StartNow().Build();
        await scheduler.ScheduleJob(catchUp, ScheduleJobOptions.Replacing, cancellationToken);
        logger.LogWarning("Release {ReleaseId} opened at {OpensAt:o}, before this start; opening it now.", release.Id, missed);
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
            var nowUtc = time.GetUtcNow();
            foreach (var item in releases)
            {
                var zone = TimeZoneCache.Find(item.TimeZoneId);
                await scheduler.ScheduleAsync(item.Release, zone, nowUtc, cancellationToken);
                await scheduler.CatchUpAsync(item.Release, zone, nowUtc, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
