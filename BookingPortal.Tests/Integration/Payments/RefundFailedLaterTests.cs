using BookingPortal.Features.Consistency;
using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;
using static BookingPortal.Tests.TestSupport.StripeStandIn;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// A refund Stripe accepted can still fail days later (a closed card, a bank that sends it back). Stripe says so
/// by webhook; from then on the deposit is the customer's again and staff must refund it by hand.
/// </summary>
public class RefundFailedLaterTests() : StripeSuite(scheduledJobs: false)
{
    [Theory]
    [InlineData("refund.failed", "failed")]
    [InlineData("charge.refund.updated", "failed")]
    [InlineData("charge.refund.updated", "canceled")]
    public async Task A_refund_reported_failed_after_it_was_accepted_is_owed_again_and_shown_to_staff_once(string eventType, string status)
    {
        var booking = await PaidBookingAsync(factory, "pi_returned");
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
        using var client = factory.CreateClient();
        var payload = RefundFailedEvent("evt_returned", "re_5000", "pi_returned", 5000, eventType, status);

        // Stripe delivering it twice at once, as two instances behind a load balancer may receive it.
        var answers = await Race.AllAtOnceAsync(Enumerable.Range(0, 3).Select(_ => (Func<Task<HttpStatusCode>>)(async () => (await PostWebhookAsync(client, payload)).StatusCode)));

        answers.Should().OnlyContain(code => code == HttpStatusCode.OK);
        var refund = await RefundAsync(factory, booking);
        refund.Status.Should().Be(RefundStatus.Failed);
        refund.LastError.Should().Contain(status == "failed" ? "expired_or_canceled_card" : "canceled");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.LedgerEntries.Where(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositRefundReturned).Select(e => e.Amount).ToListAsync())
            .Should().Equal([50m], "three deliveries undo the refund once");
        var ledger = await LedgerAsync(factory, booking);
        ledger.Refunded.Should().Be(0m);
        ledger.Balance.Should().Be(-50m, "the customer is owed the deposit again");
        (await StaffHistoryAsync(factory, booking)).Should().Contain(e => e.Contains("FAILED after 1 attempt(s), refund it by hand: Accepted, then reported failed"));
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().Contain(v => v.Description.Contains($"Cancelled booking {booking.ConfirmationNumber}"));
        stripe.RefundRequests.Should().ContainSingle("nothing is sent again on its own: staff refund by hand");
    }

    [Fact]
    public async Task A_failure_reported_before_the_refund_has_its_id_is_asked_for_again_and_then_recorded()
    {
        var booking = await PaidBookingAsync(factory, "pi_early");
        stripe.ScriptRefunds(RefundAnswer.ServerError);
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        using var client = factory.CreateClient();
        var payload = RefundFailedEvent("evt_early", "re_5000", "pi_early", 5000);

        var early = await PostWebhookAsync(client, payload);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await factory.Get<RefundDispatcher>().DispatchDueAsync();
        var redelivered = await PostWebhookAsync(client, payload);

        early.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a refund of that payment is still being sent, without an id yet");
        redelivered.StatusCode.Should().Be(HttpStatusCode.OK);
        (await RefundAsync(factory, booking)).Status.Should().Be(RefundStatus.Failed);
        (await LedgerAsync(factory, booking)).Balance.Should().Be(-50m);
    }

    [Fact]
    public async Task A_refund_that_succeeded_or_that_the_portal_never_made_changes_nothing()
    {
        var booking = await PaidBookingAsync(factory, "pi_fine");
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        using var client = factory.CreateClient();

        var succeeded = await PostWebhookAsync(client, RefundFailedEvent("evt_ok", "re_5000", "pi_fine", 5000, "charge.refund.updated", status: "succeeded"));
        var elsewhere = await PostWebhookAsync(client, RefundFailedEvent("evt_other", "re_not_ours", "pi_elsewhere", 1200));

        (succeeded.StatusCode, elsewhere.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK));
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
    }
}

public class RefundFailedLaterOnPostgresTests : RefundFailedLaterTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
