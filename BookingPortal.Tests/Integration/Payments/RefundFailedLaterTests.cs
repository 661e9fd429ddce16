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
        var booking = await CancelledWhileRefundsFailAsync(factory, stripe, "pi_early");
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

    [Fact]
    public async Task A_refund_staff_made_in_stripes_dashboard_that_fails_too_is_owed_again_and_listed_for_staff_once()
    {
        var booking = await RefusedRefundAsync(factory, stripe, "pi_dashboard");
        stripe.MadeInDashboard("re_Dash1", "pi_dashboard");
        var staff = await factory.StaffAsync();
        var settlement = factory.Get<RefundSettlement>();
        (await settlement.RecordRefundedByHandAsync(staff, (await RefundAsync(factory, booking)).Id, "re_Dash1")).Should().Be(SettleOutcome.Recorded);
        (await LedgerAsync(factory, booking)).Balance.Should().Be(0m);
        using var client = factory.CreateClient();
        var payload = RefundFailedEvent("evt_dashboard", "re_Dash1", "pi_dashboard", 5000);

        // The same closed card refuses the dashboard's refund too; Stripe delivers the report three times at once.
        var answers = await Race.AllAtOnceAsync(Enumerable.Range(0, 3).Select(_ => (Func<Task<HttpStatusCode>>)(async () => (await PostWebhookAsync(client, payload)).StatusCode)));

        answers.Should().OnlyContain(code => code == HttpStatusCode.OK);
        var refund = await RefundAsync(factory, booking);
        refund.Status.Should().Be(RefundStatus.Failed);
        refund.LastError.Should().Be("Refunded by hand (re_Dash1), then reported failed by the provider (expired_or_canceled_card).");
        (await ReturnedAsync(booking)).Should().Equal([50m], "three deliveries undo the refund made by hand once");
        (await LedgerAsync(factory, booking)).Balance.Should().Be(-50m, "the customer is owed the deposit again");
        (await settlement.ListAsync(staff)).Should().ContainSingle(r => r.Id == refund.Id).Which.LastError.Should().Be(refund.LastError);
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().Contain(v => v.Description.Contains($"Cancelled booking {booking.ConfirmationNumber}"));
        stripe.RefundRequests.Should().ContainSingle("nothing is sent again on its own");
    }

    [Fact]
    public async Task A_report_of_an_earlier_failed_refund_changes_nothing_once_staff_refunded_it_again()
    {
        var booking = await PaidBookingAsync(factory, "pi_again");
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        using var client = factory.CreateClient();
        var staff = await factory.StaffAsync();
        var settlement = factory.Get<RefundSettlement>();
        var id = (await RefundAsync(factory, booking)).Id;
        var portals = RefundFailedEvent("evt_portals", "re_5000", "pi_again", 5000);
        stripe.MadeInDashboard("re_First1", "pi_again");
        stripe.MadeInDashboard("re_Second2", "pi_again");
        var first = RefundFailedEvent("evt_first", "re_First1", "pi_again", 5000);
        (await PostWebhookAsync(client, portals)).EnsureSuccessStatusCode();
        (await settlement.RecordRefundedByHandAsync(staff, id, "re_First1")).Should().Be(SettleOutcome.Recorded);
        (await PostWebhookAsync(client, first)).EnsureSuccessStatusCode();
        (await RefundAsync(factory, booking)).Status.Should().Be(RefundStatus.Failed, "the first refund made by hand failed too");
        (await settlement.RecordRefundedByHandAsync(staff, id, "re_Second2")).Should().Be(SettleOutcome.Recorded);

        // Stripe delivers both old reports again (days later, or a second endpoint subscribed to them).
        (await PostWebhookAsync(client, first)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostWebhookAsync(client, portals)).StatusCode.Should().Be(HttpStatusCode.OK);

        var refund = await RefundAsync(factory, booking);
        (refund.Status, refund.ProviderRefundId).Should().Be((RefundStatus.SettledByHand, "re_Second2"));
        (await ReturnedAsync(booking)).Should().Equal([50m, 50m], "each failed refund was undone once, and the second refund by hand stands");
        (await LedgerAsync(factory, booking)).Balance.Should().Be(0m);
        (await settlement.ListAsync(staff)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_refund_staff_made_by_bank_transfer_after_the_portals_refund_failed_is_not_undone_by_a_redelivered_report()
    {
        var booking = await PaidBookingAsync(factory, "pi_transfer");
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        using var client = factory.CreateClient();
        var payload = RefundFailedEvent("evt_transfer", "re_5000", "pi_transfer", 5000);
        (await PostWebhookAsync(client, payload)).EnsureSuccessStatusCode();
        var refund = await RefundAsync(factory, booking);
        (await factory.Get<RefundSettlement>().RecordRefundedByHandAsync(await factory.StaffAsync(), refund.Id, "Bank transfer BT-77")).Should().Be(SettleOutcome.Recorded);

        (await PostWebhookAsync(client, payload)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await RefundAsync(factory, booking)).Should().BeEquivalentTo(new { Status = RefundStatus.SettledByHand, ProviderRefundId = (string?)null });
        (await ReturnedAsync(booking)).Should().Equal([50m]);
        (await LedgerAsync(factory, booking)).Balance.Should().Be(0m);
    }

    [Fact]
    public async Task On_pay_at_reception_a_refund_staff_made_in_stripes_dashboard_that_fails_is_owed_again()
    {
        var booking = await PaidBookingAsync(factory, "pi_reception");
        // Back on pay at reception with the Stripe keys kept: the refund waits for staff, who make it in Stripe's dashboard.
        await using var reception = await ReceptionPortalAsync(factory, stripe);
        await reception.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        var staff = await reception.StaffAsync();
        var settlement = reception.Get<RefundSettlement>();
        (await settlement.RecordRefundedByHandAsync(staff, (await RefundAsync(reception, booking)).Id, "re_Desk1")).Should().Be(SettleOutcome.Recorded);
        using var client = reception.CreateClient();

        var answer = await PostWebhookAsync(client, RefundFailedEvent("evt_reception", "re_Desk1", "pi_reception", 5000));

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await RefundAsync(reception, booking)).Status.Should().Be(RefundStatus.Failed);
        (await LedgerAsync(reception, booking)).Balance.Should().Be(-50m);
        (await settlement.ListAsync(staff)).Should().ContainSingle().Which.ConfirmationNumber.Should().Be(booking.ConfirmationNumber);
        stripe.RefundRequests.Should().BeEmpty("nothing sends refunds on pay at reception");
    }

    private async Task<List<decimal>> ReturnedAsync(BookingView booking)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.LedgerEntries.Where(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositRefundReturned)
            .OrderBy(e => e.Id).Select(e => e.Amount).ToListAsync();
    }
}

public class RefundFailedLaterOnPostgresTests : RefundFailedLaterTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
