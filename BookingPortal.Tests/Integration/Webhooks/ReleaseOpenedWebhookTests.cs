using BookingPortal.Features.Releases;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace BookingPortal.Tests.Integration.Webhooks;

/// <summary>release.opened is written by the release opening job itself, run here through Quartz.</summary>
public class ReleaseOpenedWebhookTests : PortalSuite
{
    [Fact]
    public async Task The_opening_job_queues_release_opened_once_per_opening_for_subscribed_endpoints()
    {
        var (registered, errors) = await factory.Get<WebhookAdminService>().RegisterAsync(await factory.StaffAsync(), new WebhookEndpointDraft
        {
            Url = "https://93.184.216.34/hooks",
            EventTypes = [WebhookEventTypes.ReleaseOpened],
        });
        errors.Should().BeEmpty();
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var releaseId = await db.Releases.Where(r => r.ServiceId == clinic.Id).Select(r => r.Id).SingleAsync();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var ran = new OneRun();
        scheduler.ListenerManager.AddJobListener(ran, GroupMatcher<JobKey>.GroupEquals(ReleaseScheduler.JobKey.Group));

        await scheduler.TriggerJob(ReleaseScheduler.JobKey, new JobDataMap { [ReleaseOpeningJob.ReleaseIdKey] = releaseId }, CancellationToken.None);
        await ran.Done.Task.WaitAsync(TimeSpan.FromSeconds(30));

        ran.Error.Should().BeNull();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.WebhookEndpointId == registered!.Id).ToListAsync();
        rows.Should().ContainSingle().Which.Subject.Should().Be(WebhookEventTypes.ReleaseOpened);
        var opening = await db.ReleaseOpenings.AsNoTracking().Where(o => o.ReleaseId == releaseId).OrderByDescending(o => o.Id).FirstAsync();
        rows[0].TextBody.Should().Contain($"\"openingId\":{opening.Id}").And.Contain($"\"serviceId\":{clinic.Id}");
    }

    [Fact]
    public async Task An_opening_whose_first_tick_fails_has_still_told_the_webhooks()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var (registered, _) = await factory.Get<WebhookAdminService>().RegisterAsync(await factory.StaffAsync(), new WebhookEndpointDraft
        {
            Url = "https://93.184.216.34/hooks",
            EventTypes = [WebhookEventTypes.ReleaseOpened],
        });
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var releaseId = await db.Releases.Where(r => r.ServiceId == clinic.Id).Select(r => r.Id).SingleAsync();
        // The tick is the one transaction begun with nothing tracked to save (the opening's and the event's rows are).
        factory.Transactions.BeforeNext(context => context?.ChangeTracker.HasChanges() == false, () => throw new TimeoutException("The tick's database went away."));

        var open = () => factory.Get<ReleaseOpener>().OpenAsync(releaseId, factory.Clock.GetUtcNow().UtcDateTime);

        await open.Should().ThrowAsync<TimeoutException>().WithMessage("The tick's database went away.");
        (await db.OutboxMessages.AsNoTracking().CountAsync(m => m.WebhookEndpointId == registered!.Id && m.Subject == WebhookEventTypes.ReleaseOpened))
            .Should().Be(1, "the opening happened, whatever became of its first tick");
    }

    [Fact]
    public async Task A_start_just_after_an_opening_opens_it_then_and_tells_the_webhooks_once()
    {
        var (registered, _) = await factory.Get<WebhookAdminService>().RegisterAsync(await factory.StaffAsync(), new WebhookEndpointDraft
        {
            Url = "https://93.184.216.34/hooks",
            EventTypes = [WebhookEventTypes.ReleaseOpened],
        });
        var (release, zone) = await WeeklyClinicReleaseAsync();
        var opensAt = ReleaseSchedule.NextOpening(release, zone, factory.Clock.GetUtcNow().UtcDateTime)!.Value;
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        // The instance was down at the opening and comes back 40 seconds later; then it restarts once more.
        factory.Clock.Advance(opensAt - factory.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(40));
        foreach (var restart in Enumerable.Range(0, 2))
        {
            var ran = new OneRun();
            scheduler.ListenerManager.AddJobListener(ran, GroupMatcher<JobKey>.GroupEquals(ReleaseScheduler.JobKey.Group));
            await StartAgainAsync();
            await ran.Done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            scheduler.ListenerManager.RemoveJobListener(ran.Name);
            ran.Error.Should().BeNull();
        }

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var opening = await db.ReleaseOpenings.AsNoTracking().SingleAsync(o => o.ReleaseId == release.Id && o.OpensAtUtc == opensAt);
        var told = await db.OutboxMessages.AsNoTracking().Where(m => m.WebhookEndpointId == registered!.Id && m.Subject == WebhookEventTypes.ReleaseOpened).ToListAsync();
        told.Should().ContainSingle("a second start finds the opening told").Which.TextBody.Should().Contain($"\"openingId\":{opening.Id}");
        (await scheduler.GetTrigger(ReleaseScheduler.TriggerKeyFor(release.Id)))!.NextFireTimeUtc!.Value.UtcDateTime
            .Should().Be(ReleaseSchedule.NextOpening(release, zone, opensAt), "the schedule itself goes on to the next week");
    }

    [Theory]
    [InlineData(59, true)]
    [InlineData(61, false)]
    public async Task A_start_catches_up_an_opening_of_the_last_hour_only(int minutesLate, bool caughtUp)
    {
        await factory.StartWithoutScheduledJobsAsync();
        var (release, zone) = await WeeklyClinicReleaseAsync();
        var opensAt = ReleaseSchedule.NextOpening(release, zone, factory.Clock.GetUtcNow().UtcDateTime)!.Value;
        factory.Clock.Advance(opensAt - factory.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(minutesLate));

        await StartAgainAsync();

        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var catchUps = (await scheduler.GetTriggersOfJob(ReleaseScheduler.JobKey))
            .Where(t => t.JobDataMap.ContainsKey(ReleaseOpeningJob.OpensAtKey) && t.JobDataMap.GetInt(ReleaseOpeningJob.ReleaseIdKey) == release.Id)
            .Select(t => DateTimeOffset.FromUnixTimeMilliseconds(t.JobDataMap.GetLong(ReleaseOpeningJob.OpensAtKey)).UtcDateTime).ToList();
        if (caughtUp)
        {
            catchUps.Should().Equal(opensAt);
        }
        else
        {
            catchUps.Should().BeEmpty("an opening over an hour old is not announced as news");
        }
    }

    private async Task<(Release Release, TimeZoneInfo Zone)> WeeklyClinicReleaseAsync()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return (await db.Releases.AsNoTracking().SingleAsync(r => r.ServiceId == clinic.Id), clinic.TimeZone);
    }

    /// <summary>What a fresh start of the portal does with the releases (the hosted service, run again on the moved clock).</summary>
    private Task StartAgainAsync() =>
        factory.Services.GetServices<IHostedService>().OfType<ReleaseSchedulingStartup>().Single().StartAsync(CancellationToken.None);

    private sealed class OneRun : IJobListener
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Error { get; private set; }

        public string Name => nameof(OneRun);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            // The group has other jobs too (the draw commitments every minute): only the opening's run counts.
            if (!context.JobDetail.Key.Equals(ReleaseScheduler.JobKey))
            {
                return ValueTask.CompletedTask;
            }

            Error = jobException;
            Done.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}
