namespace BookingPortal.Tests.Integration.Notifications;

/// <summary>
/// The day a clinic turns e-mail on, the outbox still holds what was written while it was off (the Production
/// default): old news, and links at the loopback address of that time. Such messages are skipped, with a reason staff read.
/// </summary>
public class StaleMessageTests : MessagingTestBase
{
    [Fact]
    public async Task An_email_older_than_the_age_limit_is_skipped_and_a_younger_one_is_sent()
    {
        var (old, _) = await Factory.BookAsync(slotIndex: 3);
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        var (recent, recentEmail) = await Factory.BookAsync(slotIndex: 4);
        Factory.Clock.Advance(TimeSpan.FromHours(47));

        (await Factory.Get<OutboxDispatcher>().DispatchDueAsync()).Should().Be(1);

        StandIn.Emails.Should().ContainSingle().Which.To.Should().Be(recentEmail);
        var outbox = await Factory.OutboxAsync();
        var skipped = outbox.Single(m => m.BookingId == old.Id);
        skipped.Status.Should().Be(OutboxStatus.Skipped);
        skipped.LastError.Should().Be("Not sent: written 49 hours before it could go, more than 'Notifications:MaxMessageAgeHours' (48).");
        outbox.Single(m => m.BookingId == recent.Id).Status.Should().Be(OutboxStatus.Sent);
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
