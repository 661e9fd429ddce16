namespace BookingPortal.Tests.Integration.Webhooks;

/// <summary>Webhook deliveries through the outbox to a receiver on 127.0.0.1 that checks every signature.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private readonly string databaseFolder = Path.Combine(Path.GetTempPath(), "bookingportal-tests", "webhooks-" + Guid.NewGuid().ToString("N"));
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(databaseFolder);
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(databaseFolder, recursive: true);
    }

    /// <summary>A portal that may call http://127.0.0.1 (unless told otherwise), on a database file that outlives it (so a second one is a restart).</summary>
    private sealed class WebhookPortal(string databasePath, bool allowPrivateNetworks) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
        [
            new("ConnectionStrings:Sqlite", $"Data Source={databasePath};Default Timeout=60"),
            new("Webhooks:AllowHttp", "true"),
            new("Webhooks:AllowPrivateNetworks", allowPrivateNetworks ? "true" : "false"),
        ];
    }

    private async Task<WebhookPortal> StartPortalAsync(DateTimeOffset? now = null, bool allowPrivateNetworks = true)
    {
        var portal = new WebhookPortal(Path.Combine(databaseFolder, "portal.db"), allowPrivateNetworks);
        portal.Clock.SetUtcNow(now ?? PortalFactory.DefaultNow);
        await portal.StartWithoutScheduledJobsAsync();
        return portal;
    }

    private async Task RegisterAsync(PortalFactory portal, params string[] events)
    {
        var (registered, errors) = await portal.Get<WebhookAdminService>()
            .RegisterAsync(await portal.StaffAsync(), new WebhookEndpointDraft { Url = receiver.Url, EventTypes = [.. events] });
        errors.Should().BeEmpty();
        receiver.Secret = registered!.Secret;
    }

    /// <summary>Leaves a booking as a card payment would: held, unpaid, for ten minutes.</summary>
    private static async Task HoldUnpaidAsync(PortalFactory portal, Guid bookingId)
    {
        await using var db = await portal.DbFactory.CreateDbContextAsync();
        await db.Bookings.Where(b => b.Id == bookingId).ExecuteUpdateAsync(b => b
            .SetProperty(x => x.Status, BookingStatus.PendingPayment)
            .SetProperty(x => x.ExpiresAtUtc, PortalFactory.DefaultNow.UtcDateTime.AddMinutes(10)));
    }

    [Fact]
    public async Task Each_event_is_delivered_signed_and_exactly_once_across_retries_a_dead_dispatchers_claim_and_a_restart()
    {
        receiver.FailFirstAttempts = 1;
        var first = await StartPortalAsync();
        await RegisterAsync(first, WebhookEventTypes.BookingCreated, WebhookEventTypes.BookingConfirmed, WebhookEventTypes.BookingCancelled);
        var service = await first.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var booking = await first.BookAsNewCustomerAsync(service.Id, (await first.BookableSlotsAsync(service))[0].StartUtc);
        (await first.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false))).Succeeded.Should().BeTrue();

        // A failure ends the endpoint's run (the rest wait for the next, 10 s later), so three runs try each event once.
        for (var run = 0; run < 3; run++)
        {
            await first.Get<OutboxDispatcher>().DispatchDueAsync();
        }

        receiver.Received.Should().HaveCount(3).And.OnlyContain(r => r.SignatureValid && r.AnsweredStatus == 500);
        long claimedId;
        await using (var db = await first.DbFactory.CreateDbContextAsync())
        {
            // A dispatcher that claimed this row and then died: its claim has two minutes to run.
            claimedId = await db.OutboxMessages.Where(m => m.Channel == NotificationChannel.Webhook).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
            await db.OutboxMessages.Where(m => m.Id == claimedId).ExecuteUpdateAsync(m => m
                .SetProperty(x => x.Status, OutboxStatus.Sending)
                .SetProperty(x => x.ClaimToken, Guid.NewGuid())
                .SetProperty(x => x.ClaimedUntilUtc, PortalFactory.DefaultNow.UtcDateTime.AddMinutes(2)));
        }

        var stoppedAt = first.Clock.GetUtcNow();
        await first.DisposeAsync();
        await using var second = await StartPortalAsync(stoppedAt);
        var dispatcher = second.Get<OutboxDispatcher>();

        await dispatcher.DispatchDueAsync();
        receiver.Received.Should().HaveCount(3, "nothing is due before the 30-second backoff");
        second.Clock.Advance(TimeSpan.FromSeconds(31));
        await dispatcher.DispatchDueAsync();
        receiver.Accepted.Should().HaveCount(2, "the row held by the dead dispatcher waits for its claim to lapse");
        second.Clock.Advance(TimeSpan.FromMinutes(2));
        await dispatcher.DispatchDueAsync();
        for (var i = 0; i < 3; i++)
        {
            second.Clock.Advance(TimeSpan.FromHours(1));
            await dispatcher.DispatchDueAsync();
        }

        receiver.Received.Should().OnlyContain(r => r.SignatureValid);
        receiver.Accepted.Should().HaveCount(3).And.OnlyContain(pair => pair.Value == 1);
        receiver.Received.Should().HaveCount(6, "each event failed once and was accepted once");
        receiver.Received.Where(r => r.AnsweredStatus == 200).Select(r => r.EventType).Should().BeEquivalentTo(
            WebhookEventTypes.BookingCreated, WebhookEventTypes.BookingConfirmed, WebhookEventTypes.BookingCancelled);
        var created = receiver.Received.First(r => r.EventType == WebhookEventTypes.BookingCreated && r.AnsweredStatus == 200);
        created.Body.Should().Contain(booking.ConfirmationNumber).And.Contain("\"type\":\"booking.created\"");
        await using var check = await second.DbFactory.CreateDbContextAsync();
        (await check.OutboxMessages.Where(m => m.Channel == NotificationChannel.Webhook).Select(m => m.Status).ToListAsync())
            .Should().HaveCount(3).And.OnlyContain(s => s == OutboxStatus.Sent);
    }

    [Fact]
    public async Task Staff_see_each_delivery_with_its_last_responses_and_resend_it_with_the_same_event_id()
    {
        receiver.FailFirstAttempts = 1;
        await using var portal = await StartPortalAsync();
        await RegisterAsync(portal, WebhookEventTypes.BookingConfirmed);
        var service = await portal.ServiceNamedAsync(DemoSeeder.ConsultationName);
        await portal.BookAsNewCustomerAsync(service.Id, (await portal.BookableSlotsAsync(service))[0].StartUtc);
        var dispatcher = portal.Get<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync();
        portal.Clock.Advance(TimeSpan.FromSeconds(31));
        await dispatcher.DispatchDueAsync();
        var admin = portal.Get<WebhookAdminService>();
        var staff = await portal.StaffAsync();
        var endpoint = (await admin.ListAsync(staff)).Single();

        var delivery = (await admin.DeliveriesAsync(staff, endpoint.Id)).Single();
        delivery.Status.Should().Be(OutboxStatus.Sent);
        delivery.LastAttempts.Select(a => a.Response[..3]).Should().Equal("200", "500");
        (await admin.ResendAsync(staff, delivery.MessageId)).Should().Be(ResendOutcome.Queued);
        await dispatcher.DispatchDueAsync();

        receiver.Accepted.Should().ContainSingle().Which.Value.Should().Be(2, "staff asked for it again, under the same event id");
        receiver.Accepted.Single().Key.Should().Be(delivery.EventId);
        await using var db = await portal.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.CountAsync(a => a.Action == "webhook.resent")).Should().Be(1);
    }

    [Fact]
    public async Task Every_event_type_reaches_a_subscribed_endpoint_and_a_paused_endpoint_gets_nothing()
    {
        await using var portal = await StartPortalAsync();
        await RegisterAsync(portal, [.. WebhookEventTypes.All]);
        var (service, slots) = await portal.ServiceAndSlotsAsync(DemoSeeder.VideoConsultationName);
        var booking = await portal.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var waiting = (await portal.CreateCustomersAsync(1))[0];
        var joined = await portal.Get<WaitlistJoining>().JoinAsync(waiting, service.Id, DateOnly.FromDateTime(slots[0].LocalStart.DateTime), slots[0].StartUtc);
        joined.Succeeded.Should().BeTrue(joined.Message);
        // Moving the booking frees its one-seat slot, which is offered to the customer waiting for it. It starts
        // in less than 48 hours, after the customer's change cutoff: staff move it.
        var desk = await portal.StaffAsync();
        (await portal.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, desk.Id, true, slots[2].StartUtc))).Succeeded.Should().BeTrue();
        var other = await portal.BookAsNewCustomerAsync(service.Id, slots[3].StartUtc);
        (await portal.Get<CancellationService>().CancelAsync(new CancelRequest(other.ConfirmationNumber, other.CustomerId, false))).Succeeded.Should().BeTrue();
        portal.Clock.SetUtcNow(new DateTimeOffset(slots[2].StartUtc.AddHours(1), TimeSpan.Zero));
        (await portal.Get<Features.Admin.FrontDeskService>().SweepNoShowsAsync()).Should().BeGreaterThan(0);

        await portal.Get<OutboxDispatcher>().DispatchDueAsync();

        receiver.Received.Select(r => r.EventType).Distinct().Should().BeEquivalentTo(
            WebhookEventTypes.BookingCreated, WebhookEventTypes.BookingConfirmed, WebhookEventTypes.BookingRescheduled,
            WebhookEventTypes.BookingCancelled, WebhookEventTypes.WaitlistOffered, WebhookEventTypes.BookingNoShow);
        receiver.Received.Should().OnlyContain(r => r.SignatureValid && r.AnsweredStatus == 200);

        var admin = portal.Get<WebhookAdminService>();
        var staff = await portal.StaffAsync();
        var endpointId = (await admin.ListAsync(staff)).Single().Id;
        await admin.SetActiveAsync(staff, endpointId, active: false);
        var before = receiver.Received.Count;
        await portal.BookAsNewCustomerAsync(service.Id, (await portal.BookableSlotsAsync(service))[^1].StartUtc);
        await portal.Get<OutboxDispatcher>().DispatchDueAsync();
        receiver.Received.Should().HaveCount(before, "a paused endpoint is not subscribed to anything");
    }

    [Fact]
    public async Task A_payment_hold_that_runs_out_is_told_as_a_cancellation()
    {
        await using var portal = await StartPortalAsync();
        await RegisterAsync(portal, WebhookEventTypes.BookingCancelled);
        var service = await portal.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var booking = await portal.BookAsNewCustomerAsync(service.Id, (await portal.BookableSlotsAsync(service))[0].StartUtc);
        await HoldUnpaidAsync(portal, booking.Id);

        portal.Clock.Advance(TimeSpan.FromMinutes(11));
        (await portal.Get<Features.Payments.HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);
        await portal.Get<OutboxDispatcher>().DispatchDueAsync();

        receiver.Received.Should().ContainSingle().Which.Should().Match<ReceivedWebhook>(r =>
            r.EventType == WebhookEventTypes.BookingCancelled && r.SignatureValid && r.Body.Contains(booking.ConfirmationNumber));
    }

    [Fact]
    public async Task Moving_an_unpaid_hold_is_told_to_webhooks_but_not_written_to_the_customer()
    {
        await using var portal = await StartPortalAsync();
        await RegisterAsync(portal, WebhookEventTypes.BookingRescheduled);
        var (service, slots) = await portal.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = await portal.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        await HoldUnpaidAsync(portal, booking.Id);

        var moved = await portal.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, slots[1].StartUtc));
        await portal.Get<OutboxDispatcher>().DispatchDueAsync();

        moved.Succeeded.Should().BeTrue(moved.Message);
        receiver.Received.Should().ContainSingle().Which.Should().Match<ReceivedWebhook>(r =>
            r.EventType == WebhookEventTypes.BookingRescheduled && r.SignatureValid && r.Body.Contains(booking.ConfirmationNumber) && r.Body.Contains("\"status\":\"pending-payment\""));
        await using var check = await portal.DbFactory.CreateDbContextAsync();
        (await check.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.Rescheduled)).Should().Be(0, "the customer was never told this hold was booked");
    }

    [Fact]
    public async Task A_delivery_is_refused_at_connect_time_when_the_address_is_private_and_not_allowed()
    {
        var permissive = await StartPortalAsync();
        await RegisterAsync(permissive, WebhookEventTypes.BookingCreated);
        var service = await permissive.ServiceNamedAsync(DemoSeeder.ConsultationName);
        await permissive.BookAsNewCustomerAsync(service.Id, (await permissive.BookableSlotsAsync(service))[0].StartUtc);
        await permissive.DisposeAsync();

        // The same endpoint row, now on a portal that refuses private addresses (as if 127.0.0.1 were what its name resolves to today).
        await using var strict = await StartPortalAsync(allowPrivateNetworks: false);
        await strict.Get<OutboxDispatcher>().DispatchDueAsync();

        receiver.Received.Should().BeEmpty();
        await using var db = await strict.DbFactory.CreateDbContextAsync();
        var row = await db.OutboxMessages.SingleAsync(m => m.Channel == NotificationChannel.Webhook);
        row.Status.Should().Be(OutboxStatus.Pending, "a refused connection is retried, in case the address changes back");
        row.LastError.Should().Contain("Refused to connect");
    }
}
