using BookingPortal.Features.Consistency;
using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;
using static BookingPortal.Tests.TestSupport.StripeStandIn;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// A refund Stripe accepted can still fail days later (a closed card, a bank that sends it back). Stripe says so
/// by webhook; from then on the deposit is the customer's again and staff must refund it by hand.
/// </summary>
public class RefundFailedLaterTests : StripeSuite
{
    [Theory]
    [InlineData("refund.failed")]
    [InlineData("charge.refund.updated")]
    public async Task A_refund_reported_failed_after_it_was_accepted_is_owed_again_and_shown_to_staff_once(string eventType)
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await PaidBookingAsync(factory, "pi_returned");
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
        using var client = factory.CreateClient();
        var payload = RefundFailedEvent("evt_returned", "re_5000", "pi_returned", 5000, eventType);

        (await PostWebhookAsync(client, payload)).EnsureSuccessStatusCode();
        (await PostWebhookAsync(client, payload)).EnsureSuccessStatusCode();

        var refund = await RefundAsync(factory, booking);
        refund.Status.Should().Be(RefundStatus.Failed);
        refund.LastError.Should().Contain("expired_or_canceled_card");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.LedgerEntries.Where(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositRefundReturned).Select(e => e.Amount).ToListAsync())
            .Should().Equal([50m], "a redelivered event undoes the refund once");
        var ledger = await LedgerAsync(factory, booking);
        ledger.Refunded.Should().Be(0m);
        ledger.Balance.Should().Be(-50m, "the customer is owed the deposit again");
        (await StaffHistoryAsync(factory, booking)).Should().Contain(e => e.Contains("FAILED after 1 attempt(s), refund it by hand: Accepted, then reported failed"));
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().Contain(v => v.Description.Contains($"Cancelled booking {booking.ConfirmationNumber}"));
        stripe.RefundRequests.Should().ContainSingle("nothing is sent again on its own: staff refund by hand");
    }

    [Fact]
    public async Task A_refund_that_succeeded_or_that_the_portal_never_made_changes_nothing()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await PaidBookingAsync(factory, "pi_fine");
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        using var client = factory.CreateClient();

        (await PostWebhookAsync(client, RefundFailedEvent("evt_ok", "re_5000", "pi_fine", 5000, "charge.refund.updated", status: "succeeded"))).EnsureSuccessStatusCode();
        (await PostWebhookAsync(client, RefundFailedEvent("evt_other", "re_not_ours", "pi_elsewhere", 1200))).EnsureSuccessStatusCode();

        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
    }
}
