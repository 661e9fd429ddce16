using BookingPortal.Features.Releases;
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
