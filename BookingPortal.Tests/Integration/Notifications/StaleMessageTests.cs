namespace BookingPortal.Tests.Integration.Notifications;

/// <summary>
/// The day a clinic turns e-mail on, the outbox still holds what was written while it was off (the Production
/// default): old news, and links at the loopback address of that time. Such messages are skipped, with a reason staff read.
/// </summary>
public class StaleMessageTests : MessagingTestBase
{
    [Fact]
    public async Task An_email_unsent_longer_than_the_delay_limit_is_skipped_and_a_later_one_is_sent()
    {
        var dueAt = Factory.Clock.GetUtcNow().UtcDateTime;
        var (old, _) = await Factory.BookAsync(slotIndex: 3);
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        var (recent, recentEmail) = await Factory.BookAsync(slotIndex: 4);
        Factory.Clock.Advance(TimeSpan.FromHours(47));

        (await Factory.Get<OutboxDispatcher>().DispatchDueAsync()).Should().Be(1);

        StandIn.Emails.Should().ContainSingle().Which.To.Should().Be(recentEmail);
        var outbox = await Factory.OutboxAsync();
        var skipped = outbox.Single(m => m.BookingId == old.Id);
        skipped.Status.Should().Be(OutboxStatus.Skipped);
        skipped.LastError.Should().Be($"Not sent: due since {dueAt:yyyy-MM-dd HH:mm} UTC, more than 'Notifications:MaxDelayHours' (48) hours before it could go.");
        outbox.Single(m => m.BookingId == recent.Id).Status.Should().Be(OutboxStatus.Sent);
    }

    [Fact]
    public async Task A_stale_backlog_is_one_warning_a_run_not_one_a_message()
    {
        for (var slot = 3; slot < 6; slot++)
        {
            await Factory.BookAsync(slotIndex: slot);
        }

        Factory.Clock.Advance(TimeSpan.FromHours(49));
        (await Factory.Get<OutboxDispatcher>().DispatchDueAsync()).Should().Be(0);

        (await Factory.OutboxAsync()).Should().HaveCount(3).And.OnlyContain(m => m.Status == OutboxStatus.Skipped);
        Factory.Log.Entries.Where(e => e.Message.Contains("skipped")).Should().ContainSingle()
            .Which.Message.Should().StartWith("3 outbox e-mail(s) or text(s) skipped as stale: unsent more than 48 hours after they were due");
    }

    [Fact]
    public async Task A_failed_email_staff_send_again_days_later_goes_out()
    {
        StandIn.FailNext(400);
        await Factory.BookAsync(slotIndex: (await Factory.BookableSlotsAsync(await Factory.ServiceNamedAsync(DemoSeeder.ConsultationName))).Count - 1);
        var dispatcher = Factory.Get<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync();
        Factory.Clock.Advance(TimeSpan.FromDays(3));

        (await Factory.Get<OutboxAdminService>().RetryFailedAsync(await Factory.StaffAsync())).Should().Be(1);
        (await dispatcher.DispatchDueAsync()).Should().Be(1, "staff asked for it now: it is due now, not three days late");

        StandIn.Emails.Should().ContainSingle();
    }

    [Fact]
    public async Task A_failed_confirmation_sent_again_after_the_move_s_message_went_is_skipped()
    {
        StandIn.FailNext(400);
        var (booking, _) = await Factory.BookAsync();
        var dispatcher = Factory.Get<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var later = (await Factory.BookableSlotsAsync(await Factory.ServiceNamedAsync(DemoSeeder.ConsultationName))).Last().StartUtc;
        (await Factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, later))).Succeeded.Should().BeTrue();
        (await dispatcher.DispatchDueAsync()).Should().Be(1, "the move's message");

        (await Factory.Get<OutboxAdminService>().RetryFailedAsync(await Factory.StaffAsync())).Should().Be(1);
        (await dispatcher.DispatchDueAsync()).Should().Be(0, "the confirmation names the old time");

        StandIn.Emails.Should().ContainSingle();
        var confirmation = (await Factory.OutboxAsync()).Single(m => m.Kind == NotificationKind.BookingConfirmation);
        (confirmation.Status, confirmation.LastError).Should().Be((OutboxStatus.Skipped, "Not sent: a later message about this booking has gone to the customer; this one would tell them of it as it was before."));
    }

    [Fact]
    public async Task An_email_written_while_the_portal_address_was_localhost_is_skipped_once_a_public_one_is_set()
    {
        var (booking, _) = await Factory.BookAsync();
        await using (var db = await Factory.DbFactory.CreateDbContextAsync())
        {
            // As the default address wrote it: the portal now runs with its public address.
            await db.OutboxMessages.ExecuteUpdateAsync(m => m.SetProperty(x => x.TextBody, x => x.TextBody.Replace("https://portal.example.test/", "http://localhost:5227/")));
        }

        (await Factory.Get<OutboxDispatcher>().DispatchDueAsync()).Should().Be(0);

        StandIn.Emails.Should().BeEmpty();
        var message = (await Factory.OutboxAsync()).Single(m => m.BookingId == booking.Id);
        message.Status.Should().Be(OutboxStatus.Skipped);
        message.LastError.Should().Contain("links open localhost").And.Contain("'Notifications:PortalBaseUrl'");
    }
}
