using BookingPortal.Features.Notifications.Ports;
using Ical.Net;

namespace BookingPortal.Tests.Integration.Notifications;

/// <summary>The outbox delivered through the real SendGrid client to a stand-in on 127.0.0.1.</summary>
public class OutboxDeliveryTests : MessagingTestBase
{
    [Fact]
    public async Task A_booking_sends_exactly_one_confirmation_with_its_calendar_file()
    {
        var (booking, email) = await Factory.BookAsync();
        var dispatcher = Factory.Get<OutboxDispatcher>();

        (await dispatcher.DispatchDueAsync()).Should().Be(1);
        (await dispatcher.DispatchDueAsync()).Should().Be(0, "a sent message is never sent again");

        var mail = StandIn.Emails.Should().ContainSingle().Subject;
        mail.To.Should().Be(email);
        mail.Subject.Should().StartWith($"Booked: {DemoSeeder.ConsultationName}").And.EndWith($"({booking.ConfirmationNumber})");
        mail.Text.Should().Contain($"https://portal.example.test/bookings/{booking.ConfirmationNumber}");
        var (fileName, type, content) = mail.Attachments.Should().ContainSingle().Subject;
        fileName.Should().Be($"booking-{booking.ConfirmationNumber}.ics");
        type.Should().Be("text/calendar");
        var appointment = Calendar.Load(content)!.Events.Single();
        appointment.Uid.Should().Be(CalendarFile.Uid(booking));
        appointment.DtStart!.TzId.Should().Be("America/New_York");
        var row = (await Factory.OutboxAsync()).Single();
        row.Status.Should().Be(OutboxStatus.Sent);
        mail.OutboxId.Should().Be(row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_server_error_is_retried_after_the_backoff_and_then_delivered_once()
    {
        StandIn.FailNext(500);
        await Factory.BookAsync();
        var dispatcher = Factory.Get<OutboxDispatcher>();

        (await dispatcher.DispatchDueAsync()).Should().Be(0);
        var afterFailure = (await Factory.OutboxAsync()).Single();
        afterFailure.Status.Should().Be(OutboxStatus.Pending);
        afterFailure.Attempts.Should().Be(1);
        afterFailure.LastError.Should().Contain("HTTP 500");
        afterFailure.NextAttemptAtUtc.Should().Be(Factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(30));

        Factory.Clock.Advance(TimeSpan.FromSeconds(29));
        (await dispatcher.DispatchDueAsync()).Should().Be(0, "the backoff has not passed");
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        (await dispatcher.DispatchDueAsync()).Should().Be(1);

        StandIn.Emails.Should().ContainSingle();
        await using var db = await Factory.DbFactory.CreateDbContextAsync();
        var attempts = await db.DeliveryAttempts.OrderBy(a => a.Number).Select(a => new { a.Number, a.Succeeded }).ToListAsync();
        attempts.Should().Equal(new { Number = 1, Succeeded = false }, new { Number = 2, Succeeded = true });
    }

    [Fact]
    public async Task After_the_last_attempt_the_message_fails_and_staff_can_send_it_again()
    {
        StandIn.FailNext(503, 503, 503, 503, 503, 503);
        await Factory.BookAsync();
        var dispatcher = Factory.Get<OutboxDispatcher>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await dispatcher.DispatchDueAsync();
            Factory.Clock.Advance(TimeSpan.FromHours(1));
        }

        var failed = (await Factory.OutboxAsync()).Single();
        failed.Status.Should().Be(OutboxStatus.Failed);
        failed.Attempts.Should().Be(6);
        (await Factory.Get<OutboxAdminService>().CountAsync(await Factory.StaffAsync())).Failed.Should().Be(1);

        (await Factory.Get<OutboxAdminService>().RetryFailedAsync(await Factory.StaffAsync())).Should().Be(1);
        (await dispatcher.DispatchDueAsync()).Should().Be(1);
        StandIn.Emails.Should().ContainSingle();
    }

    [Fact]
    public async Task A_failed_message_whose_text_retention_emptied_is_neither_counted_nor_queued_again()
    {
        StandIn.FailNext(400, 400);
        await Factory.BookAsync(slotIndex: 3);
        await Factory.BookAsync(slotIndex: 4);
        await Factory.Get<OutboxDispatcher>().DispatchDueAsync();
        await using (var db = await Factory.DbFactory.CreateDbContextAsync())
        {
            var failed = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
            failed.Should().HaveCount(2);
            await db.OutboxMessages.Where(m => m.Id == failed[0]).ExecuteUpdateAsync(m => m
                .SetProperty(x => x.TextBody, BookingPortal.Features.Accounts.MessageRetention.PurgedText).SetProperty(x => x.BodiesPurgedAtUtc, Factory.Clock.GetUtcNow().UtcDateTime));
        }

        var admin = Factory.Get<OutboxAdminService>();
        var staff = await Factory.StaffAsync();
        var counted = (await admin.CountAsync(staff)).Failed;
        var onDashboard = (await Factory.Get<DashboardService>().GetAsync(staff)).FailedNotifications;
        var retried = await admin.RetryFailedAsync(staff);

        (counted, retried, onDashboard).Should().Be((1, 1, 1), "the emptied one is a record of what failed, not a message that can go");
        (await Factory.OutboxAsync()).Count(m => m.Status == OutboxStatus.Failed).Should().Be(1);
    }

    [Fact]
    public async Task A_refused_message_fails_at_once_instead_of_being_retried()
    {
        StandIn.FailNext(400);
        await Factory.BookAsync();

        await Factory.Get<OutboxDispatcher>().DispatchDueAsync();

        var message = (await Factory.OutboxAsync()).Single();
        message.Status.Should().Be(OutboxStatus.Failed);
        message.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_message_claimed_by_a_dispatcher_that_died_is_sent_once_after_its_claim_lapses()
    {
        await Factory.BookAsync();
        var nowUtc = Factory.Clock.GetUtcNow().UtcDateTime;
        await using (var db = await Factory.DbFactory.CreateDbContextAsync())
        {
            // What a dispatcher killed between claiming and sending leaves behind.
            await db.OutboxMessages.ExecuteUpdateAsync(m => m
                .SetProperty(x => x.Status, OutboxStatus.Sending)
                .SetProperty(x => x.ClaimToken, Guid.NewGuid())
                .SetProperty(x => x.ClaimedUntilUtc, nowUtc.AddSeconds(120)));
        }

        var dispatcher = Factory.Get<OutboxDispatcher>();
        (await dispatcher.DispatchDueAsync()).Should().Be(0, "the claim is still held");
        Factory.Clock.Advance(TimeSpan.FromSeconds(120));
        (await dispatcher.DispatchDueAsync()).Should().Be(1);
        (await dispatcher.DispatchDueAsync()).Should().Be(0);

        StandIn.Emails.Should().ContainSingle();
    }

    [Fact]
    public async Task A_claim_taken_late_in_a_slow_batch_still_keeps_a_second_dispatcher_off_the_message()
    {
        for (var i = 0; i < 4; i++)
        {
            await Factory.BookAsync(slotIndex: i);
        }

        var options = Factory.Services.GetRequiredService<IOptions<NotificationsOptions>>();
        var rival = new RecordingChannel(Factory.Clock, sendTime: TimeSpan.Zero);
        var rivalDispatcher = new OutboxDispatcher(Factory.DbFactory, [rival], options, Factory.Clock, NullLogger<OutboxDispatcher>.Instance);
        // Each send takes 50 s of the two-minute claim; during the third one (100–150 s into the batch)
        // another instance's dispatcher runs.
        var slow = new RecordingChannel(Factory.Clock, sendTime: TimeSpan.FromSeconds(50))
        {
            DuringSend = number => number == 3 ? rivalDispatcher.DispatchDueAsync() : Task.CompletedTask,
        };
        var dispatcher = new OutboxDispatcher(Factory.DbFactory, [slow], options, Factory.Clock, NullLogger<OutboxDispatcher>.Instance);

        await dispatcher.DispatchDueAsync();

        rival.Sent.Should().ContainSingle("the rival takes only the message nobody has claimed yet");
        slow.Sent.Should().HaveCount(3);
        slow.Sent.Concat(rival.Sent).Should().OnlyHaveUniqueItems().And.HaveCount(4);
        (await Factory.OutboxAsync()).Should().OnlyContain(m => m.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task A_webhook_receiver_that_hangs_holds_up_no_e_mail()
    {
        var emailsSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var email = new RecordingChannel(Factory.Clock, TimeSpan.Zero) { DuringSend = number => { if (number == 3) { emailsSent.TrySetResult(); } return Task.CompletedTask; } };
        // The receiver answers only once every e-mail has gone: behind it in one queue, the e-mails would wait out its timeouts.
        var webhooks = new WebhookChannel(() => emailsSent.Task, DeliveryOutcome.Delivered);
        var dispatcher = await ThreeBookingsTellingAWebhookAsync(email, webhooks);

        var sent = await dispatcher.DispatchDueAsync();

        webhooks.TimedOut.Should().BeFalse("the e-mails went while the receiver was still answering");
        (sent, email.Sent.Count, webhooks.Calls).Should().Be((6, 3, 3));
    }

    [Fact]
    public async Task After_a_passing_fault_a_lane_leaves_the_rest_of_its_batch_for_the_next_run()
    {
        var email = new RecordingChannel(Factory.Clock, TimeSpan.Zero);
        var webhooks = new WebhookChannel(() => Task.CompletedTask, DeliveryOutcome.RetryLater);
        var dispatcher = await ThreeBookingsTellingAWebhookAsync(email, webhooks);

        var sent = await dispatcher.DispatchDueAsync();

        (sent, email.Sent.Count).Should().Be((3, 3), "the e-mails do not wait for the receiver");
        webhooks.Calls.Should().Be(1, "each of the others would have waited out the same timeout and spent an attempt on it");
        var rows = (await Factory.OutboxAsync()).Where(m => m.Channel == NotificationChannel.Webhook).Select(m => (m.Status, m.Attempts)).ToList();
        rows.Should().BeEquivalentTo([(OutboxStatus.Pending, 1), (OutboxStatus.Pending, 0), (OutboxStatus.Pending, 0)]);
    }

    private async Task<OutboxDispatcher> ThreeBookingsTellingAWebhookAsync(params INotificationChannel[] channels)
    {
        var (endpoint, errors) = await Factory.Get<WebhookAdminService>().RegisterAsync(await Factory.StaffAsync(), new WebhookEndpointDraft
        {
            Url = "https://93.184.216.34/hooks",
            EventTypes = [WebhookEventTypes.BookingCreated],
        });
        errors.Should().BeEmpty();
        for (var i = 0; i < 3; i++)
        {
            await Factory.BookAsync(slotIndex: i);
        }

        (await Factory.OutboxAsync()).Count(m => m.WebhookEndpointId == endpoint!.Id).Should().Be(3);
        var options = Factory.Services.GetRequiredService<IOptions<NotificationsOptions>>();
        return new OutboxDispatcher(Factory.DbFactory, channels, options, Factory.Clock, NullLogger<OutboxDispatcher>.Instance);
    }

    /// <summary>A webhook channel that answers once <paramref name="answerWhen"/> completes (or gives up after a while, as a timeout).</summary>
    private sealed class WebhookChannel(Func<Task> answerWhen, DeliveryOutcome answer) : INotificationChannel
    {
        private int calls;

        public int Calls => calls;

        public bool TimedOut { get; private set; }

        public NotificationChannel Channel => NotificationChannel.Webhook;

        public bool IsConfigured => true;

        public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            try
            {
                await answerWhen().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            }
            catch (TimeoutException)
            {
                TimedOut = true;
                return new DeliveryResult(DeliveryOutcome.RetryLater, "Timed out.");
            }

            return new DeliveryResult(answer, answer == DeliveryOutcome.Delivered ? "200 OK" : "503 Service Unavailable");
        }
    }

    /// <summary>An e-mail channel whose every send takes <paramref name="sendTime"/> on the test clock.</summary>
    private sealed class RecordingChannel(FakeTimeProvider clock, TimeSpan sendTime) : INotificationChannel
    {
        public List<long> Sent { get; } = [];

        public Func<int, Task> DuringSend { get; init; } = _ => Task.CompletedTask;

        public NotificationChannel Channel => NotificationChannel.Email;

        public bool IsConfigured => true;

        public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message.Id);
            clock.Advance(sendTime);
            await DuringSend(Sent.Count);
            return new DeliveryResult(DeliveryOutcome.Delivered, "202 Accepted");
        }
    }

    [Fact]
    public async Task Dispatchers_racing_on_one_database_send_each_message_exactly_once()
    {
        for (var i = 0; i < 8; i++)
        {
            await Factory.BookAsync(slotIndex: i % 4);
        }

        var sent = await Race.AllAtOnceAsync(Enumerable.Range(0, 4).Select(_ => (Func<Task<int>>)(() => Factory.Get<OutboxDispatcher>().DispatchDueAsync())));

        sent.Sum().Should().Be(8);
        StandIn.Emails.Select(e => e.OutboxId).Should().OnlyHaveUniqueItems().And.HaveCount(8);
    }
}

public class OutboxWithoutProviderTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task With_no_provider_keys_messages_wait_in_the_outbox_untouched()
    {
        var (booking, email) = await factory.BookAsync();

        (await factory.Get<OutboxDispatcher>().DispatchDueAsync()).Should().Be(0);

        var message = (await factory.OutboxAsync()).Should().ContainSingle().Subject;
        message.Kind.Should().Be(NotificationKind.BookingConfirmation);
        message.Recipient.Should().Be(email);
        message.BookingId.Should().Be(booking.Id);
        message.Status.Should().Be(OutboxStatus.Pending);
        message.Attempts.Should().Be(0);
        var listed = await factory.Get<OutboxAdminService>().ListAsync(await factory.StaffAsync(), OutboxStatus.Pending, booking.ConfirmationNumber, 0, 25);
        listed.Rows.Should().ContainSingle(r => r.Id == message.Id);
    }

    [Fact]
    public async Task A_repeated_booking_request_writes_no_second_confirmation()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.ConsultationName);
        var request = new ReserveRequest(customer, service.Id, slot.StartUtc, "same-key");

        await factory.Get<BookingService>().ReserveAsync(request);
        await factory.Get<BookingService>().ReserveAsync(request);

        (await factory.OutboxAsync()).Should().ContainSingle();
    }
}

/// <summary>Outbox claims, lapsed claims and racing dispatchers on PostgreSQL.</summary>
public class OutboxDeliveryOnPostgresTests : OutboxDeliveryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
