using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;
using static BookingPortal.Tests.TestSupport.StripeStandIn;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// Staff record a refund they made in Stripe's dashboard by its id. Stripe is asked about that id first, and a failure
/// Stripe reports for it while staff may still be recording it is asked for again, so that no failed refund is ever
/// written down as money returned.
/// </summary>
public class DashboardRefundCheckTests() : StripeSuite(scheduledJobs: false)
{
    /// <summary>
    /// The dashboard's refund fails within seconds and its report comes (asked for again: nothing of the portal's has its id
    /// yet) before staff type the id in, perhaps days later, past Stripe's redeliveries: Stripe is asked, and the refund is
    /// not recorded as money returned.
    /// </summary>
    [Fact]
    public async Task A_dashboard_refund_that_failed_before_staff_record_it_is_refused_beside_the_field()
    {
        var (booking, settlement, staff, id) = await DashboardRefundThatFailedAsync("pi_quick", "re_Quick1");

        var failed = await settlement.RecordRefundedByHandAsync(staff, id, "re_Quick1");
        var typo = await settlement.RecordRefundedByHandAsync(staff, id, "re_Quikc1");
        stripe.MadeInDashboard("re_Quick2", "pi_quick");
        var second = await settlement.RecordRefundedByHandAsync(staff, id, "re_Quick2");

        (failed, typo, second).Should().Be((SettleOutcome.TheRefundThatFailed, SettleOutcome.NotThisPaymentsRefund, SettleOutcome.Recorded));
        (await RefundAsync(factory, booking)).Should().BeEquivalentTo(new { Status = RefundStatus.SettledByHand, ProviderRefundId = "re_Quick2" });
        (await LedgerAsync(factory, booking)).Balance.Should().Be(0m, "only the refund that went through is money returned");
    }

    /// <summary>
    /// Two failures at once: the dashboard refund's failure report came (and went, days ago) before staff typed its id, and Stripe is
    /// down when they do. Recorded as typed, nothing would ever undo it; refused, it stays listed, and once Stripe answers
    /// the failure shows.
    /// </summary>
    [Fact]
    public async Task A_dashboard_refund_is_not_recorded_while_stripe_cannot_be_asked_and_stays_listed()
    {
        var (booking, settlement, staff, id) = await DashboardRefundThatFailedAsync("pi_down", "re_Down1");
        stripe.RefundOutage = true;

        var whileDown = await settlement.RecordRefundedByHandAsync(staff, id, "re_Down1");
        var listed = await settlement.ListAsync(staff);
        stripe.RefundOutage = false;
        var onceBack = await settlement.RecordRefundedByHandAsync(staff, id, "re_Down1");

        (whileDown, onceBack).Should().Be((SettleOutcome.ProviderUnreachable, SettleOutcome.TheRefundThatFailed));
        stripe.Requests.Should().Contain(r => r.Method == "GET" && r.Path == "/v1/refunds/re_Down1");
        listed.Should().ContainSingle(r => r.Id == id, "the refund is still owed");
        (await RefundAsync(factory, booking)).Status.Should().Be(RefundStatus.Failed);
        (await LedgerAsync(factory, booking)).Balance.Should().Be(-50m, "no money went back");
    }

    /// <summary>
    /// Stripe says the dashboard's refund went through; it fails a moment later and its report arrives while the settlement
    /// is about to write it down. Answered 200 (no refund had its id yet), nothing would ever undo the record: the ledger
    /// would say the customer has their money back. Asked for again, the redelivery finds it and the deposit is owed again.
    /// </summary>
    [Fact]
    public async Task A_dashboard_refund_that_fails_while_staff_record_it_is_owed_again_at_the_redelivery()
    {
        var booking = await RefusedRefundAsync(factory, stripe, "pi_gap");
        stripe.MadeInDashboard("re_Gap1", "pi_gap");
        var (settlement, staff, id) = (factory.Get<RefundSettlement>(), await factory.StaffAsync(), (await RefundAsync(factory, booking)).Id);
        using var client = factory.CreateClient();
        var payload = RefundFailedEvent("evt_gap", "re_Gap1", "pi_gap", 5000);
        HttpStatusCode? meanwhile = null;
        factory.Transactions.BeforeNext(async () =>
        {
            stripe.MadeInDashboard("re_Gap1", "pi_gap", status: "failed");
            meanwhile = (await PostWebhookAsync(client, payload)).StatusCode;
        });

        var recorded = await settlement.RecordRefundedByHandAsync(staff, id, "re_Gap1");
        var redelivered = await PostWebhookAsync(client, payload);

        (recorded, meanwhile).Should().Be((SettleOutcome.Recorded, HttpStatusCode.ServiceUnavailable));
        redelivered.StatusCode.Should().Be(HttpStatusCode.OK);
        (await RefundAsync(factory, booking)).Status.Should().Be(RefundStatus.Failed);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositRefundReturned)).Should().Be(1);
        }

        (await LedgerAsync(factory, booking)).Balance.Should().Be(-50m, "the customer is owed the deposit again");
        (await settlement.ListAsync(staff)).Should().ContainSingle(r => r.Id == id);
    }

    /// <summary>A key that may not read refunds will not be allowed to in a few minutes either: the id is recorded as typed.</summary>
    [Fact]
    public async Task A_dashboard_refund_is_recorded_as_typed_when_the_key_may_not_read_refunds()
    {
        var booking = await RefusedRefundAsync(factory, stripe, "pi_restricted");
        stripe.RefundReadsForbidden = true;

        var recorded = await factory.Get<RefundSettlement>().RecordRefundedByHandAsync(await factory.StaffAsync(), (await RefundAsync(factory, booking)).Id, "re_Restricted1");

        recorded.Should().Be(SettleOutcome.Recorded, "try again later would never end");
        stripe.Requests.Should().Contain(r => r.Method == "GET" && r.Path == "/v1/refunds/re_Restricted1");
        (await RefundAsync(factory, booking)).Should().BeEquivalentTo(new { Status = RefundStatus.SettledByHand, ProviderRefundId = "re_Restricted1" });
    }

    /// <summary>
    /// A refund the portal could not make, made by staff in Stripe's dashboard instead, which failed at once: its report
    /// came while nothing of the portal's had its id, so it was asked for again (503), and staff have yet to record it.
    /// </summary>
    private async Task<(BookingView Booking, RefundSettlement Settlement, StaffActor Staff, long RefundId)> DashboardRefundThatFailedAsync(
        string paymentIntent, string dashboardRefund)
    {
        var booking = await RefusedRefundAsync(factory, stripe, paymentIntent);
        stripe.MadeInDashboard(dashboardRefund, paymentIntent, status: "failed");
        using var client = factory.CreateClient();
        (await PostWebhookAsync(client, RefundFailedEvent("evt_" + paymentIntent, dashboardRefund, paymentIntent, 5000))).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        return (booking, factory.Get<RefundSettlement>(), await factory.StaffAsync(), (await RefundAsync(factory, booking)).Id);
    }
}

public class DashboardRefundCheckOnPostgresTests : DashboardRefundCheckTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
