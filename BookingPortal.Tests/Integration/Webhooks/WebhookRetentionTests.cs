using BookingPortal.Features.Accounts;

namespace BookingPortal.Tests.Integration.Webhooks;

/// <summary>
/// Webhook deliveries past the message retention, on a receiver on 127.0.0.1: the event stays whole for the
/// deliveries view and Resend, and a body an earlier version's retention emptied is shown and never sent again.
/// </summary>
public class WebhookRetentionTests : ProviderSuite, IAsyncLifetime
{
    private const int RetentionDays = 30;
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    private sealed class RetentionPortal : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
        [
            new("Webhooks:AllowHttp", "true"),
            new("Webhooks:AllowPrivateNetworks", "true"),
            new("Retention:MessageDays", RetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>A portal with one endpoint at the receiver and one booking whose events have been delivered.</summary>
    private async Task<RetentionPortal> PortalWithDeliveredBookingAsync(params string[] events)
    {
        var portal = new RetentionPortal { Provider = Provider };
        // The test runs the dispatcher and the purge itself: the scheduled jobs would race it for the same rows.
        await portal.StartWithoutScheduledJobsAsync();
        var (registered, errors) = await portal.Get<WebhookAdminService>()
            .RegisterAsync(await portal.StaffAsync(), new WebhookEndpointDraft { Url = receiver.Url, EventTypes = [.. events] });
        errors.Should().BeEmpty();
        receiver.Secret = registered!.Secret;
        var service = await portal.ServiceNamedAsync(DemoSeeder.ConsultationName);
        await portal.BookAsNewCustomerAsync(service.Id, (await portal.BookableSlotsAsync(service))[0].StartUtc);
        await portal.Get<OutboxDispatcher>().DispatchDueAsync();
        receiver.Received.Should().HaveCount(events.Length).And.OnlyContain(r => r.SignatureValid && r.AnsweredStatus == 200);
        return portal;
    }

    [Fact]
    public async Task Retention_keeps_a_delivered_webhook_event_so_staff_see_it_and_resend_it_under_its_event_id()
    {
        await using var portal = await PortalWithDeliveredBookingAsync(WebhookEventTypes.BookingConfirmed);
        var first = receiver.Received.Single();
        portal.Clock.Advance(TimeSpan.FromDays(RetentionDays + 1));

        await portal.Get<MessageRetention>().PurgeAsync();
        var admin = portal.Get<WebhookAdminService>();
        var staff = await portal.StaffAsync();
        var delivery = (await admin.DeliveriesAsync(staff, (await admin.ListAsync(staff)).Single().Id)).Single();
        var resent = await admin.ResendAsync(staff, delivery.MessageId);
        await portal.Get<OutboxDispatcher>().DispatchDueAsync();

        await using (var db = await portal.DbFactory.CreateDbContextAsync())
        {
            (await db.OutboxMessages.AnyAsync(m => m.Channel != NotificationChannel.Webhook && m.BodiesPurgedAtUtc != null))
                .Should().BeTrue("the customer's own messages of that day are past the retention and emptied");
        }

        (delivery.EventId, delivery.Status).Should().Be((first.EventId, OutboxStatus.Sent));
        resent.Should().Be(ResendOutcome.Queued);
        receiver.Received.Should().HaveCount(2).And.OnlyContain(r =>
            r.SignatureValid && r.AnsweredStatus == 200 && r.EventId == first.EventId && r.Body == first.Body, "the same event, told again");
    }

    [Fact]
    public async Task A_delivery_whose_body_an_earlier_retention_emptied_is_listed_without_an_event_id_and_never_queued_to_fail()
    {
        await using var portal = await PortalWithDeliveredBookingAsync(WebhookEventTypes.BookingCreated, WebhookEventTypes.BookingConfirmed);
        List<long> ids;
        await using (var db = await portal.DbFactory.CreateDbContextAsync())
        {
            // What the retention of an earlier version left: the bodies emptied, and one row put back in line by the Resend of then.
            var webhooks = db.OutboxMessages.Where(m => m.Channel == NotificationChannel.Webhook);
            ids = await webhooks.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
            await webhooks.ExecuteUpdateAsync(m => m
                .SetProperty(x => x.TextBody, MessageRetention.PurgedText)
                .SetProperty(x => x.BodiesPurgedAtUtc, portal.Clock.GetUtcNow().UtcDateTime));
            await webhooks.Where(m => m.Id == ids[1]).ExecuteUpdateAsync(m => m
                .SetProperty(x => x.Status, OutboxStatus.Pending).SetProperty(x => x.Attempts, 0).SetProperty(x => x.NextAttemptAtUtc, portal.Clock.GetUtcNow().UtcDateTime));
        }

        var admin = portal.Get<WebhookAdminService>();
        var staff = await portal.StaffAsync();
        var deliveries = await admin.DeliveriesAsync(staff, (await admin.ListAsync(staff)).Single().Id);
        var resent = await admin.ResendAsync(staff, ids[0]);
        await portal.Get<OutboxDispatcher>().DispatchDueAsync();

        deliveries.Select(d => (d.MessageId, d.EventId)).Should().BeEquivalentTo(new[] { (ids[0], (string?)null), (ids[1], (string?)null) });
        resent.Should().Be(ResendOutcome.BodyPurged, "there is no event left to send");
        receiver.Received.Should().HaveCount(2, "nothing is sent without its event");
        await using var check = await portal.DbFactory.CreateDbContextAsync();
        var rows = await check.OutboxMessages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync();
        rows[0].Status.Should().Be(OutboxStatus.Sent, "a refused Resend changes nothing");
        (rows[1].Status, rows[1].Attempts).Should().Be((OutboxStatus.Skipped, 0), "the row queued again is set aside at its turn, not tried until it fails");
        rows[1].LastError.Should().Contain("retention emptied what it said");
        (await check.AuditEntries.CountAsync(a => a.Action == "webhook.resent")).Should().Be(0);
    }
}

/// <summary>The same on PostgreSQL, where the purge and the Resend are other SQL.</summary>
public class WebhookRetentionOnPostgresTests : WebhookRetentionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
