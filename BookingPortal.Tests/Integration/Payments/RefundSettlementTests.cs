using BookingPortal.Features.Consistency;
using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// A refund the portal gave up on stays owed until staff refund the customer another way and record how; the
/// record is what the dispatcher would have written, made once however many press it.
/// </summary>
public class RefundSettlementTests() : StripeSuite(scheduledJobs: false)
{
    [Fact]
    public async Task Staff_see_a_refund_stripe_refused_record_how_they_made_it_and_the_ledger_and_the_check_agree_again()
    {
        var booking = await RefusedRefundAsync(factory, stripe, "pi_by_hand");
        var staff = await factory.StaffAsync();
        var settlement = factory.Get<RefundSettlement>();
        (await ViolationsAsync(booking)).Should().NotBeEmpty("a refused refund leaves the deposit owed");

        var listed = await settlement.ListAsync(staff);
        var refused = await settlement.RecordRefundedByHandAsync(staff, listed.Single().Id, "   ");
        var recorded = await settlement.RecordRefundedByHandAsync(staff, listed.Single().Id, "Bank transfer BT-1234");

        listed.Should().ContainSingle().Which.Should().BeEquivalentTo(new { booking.ConfirmationNumber, Amount = 50m, Currency = "USD" });
        (refused, recorded).Should().Be((SettleOutcome.ReferenceRequired, SettleOutcome.Recorded));
        (await settlement.ListAsync(staff)).Should().BeEmpty();
        (await RefundAsync(factory, booking)).Status.Should().Be(RefundStatus.SettledByHand);
        var ledger = await LedgerAsync(factory, booking);
        (ledger.Refunded, ledger.Balance).Should().Be((50m, 0m));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.LedgerEntries.SingleAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositRefunded))
            .Should().BeEquivalentTo(new { Amount = 50m, ActorId = staff.Id, Note = "Refunded by hand: Bank transfer BT-1234" });
        (await db.AuditEntries.SingleAsync(a => a.Subject == booking.ConfirmationNumber && a.Action == "booking.refunded_by_hand")).Details
            .Should().Be("50.00 USD: Bank transfer BT-1234");
        (await ViolationsAsync(booking)).Should().BeEmpty();
        (await StaffHistoryAsync(factory, booking)).Should().Contain(e => e.Contains("refunded by hand after it failed"));
    }

    [Theory]
    [InlineData(" re_3MtwBwLkdIwHu7ix28a3tqPa ", "re_3MtwBwLkdIwHu7ix28a3tqPa")]
    [InlineData("Bank transfer BT-1234", null)]
    [InlineData("re_3MtwBw refunded in the dashboard", null)]
    public async Task A_refund_recorded_by_stripes_refund_id_carries_that_id_so_its_failure_is_heard(string reference, string? providerRefundId)
    {
        var booking = await RefusedRefundAsync(factory, stripe, "pi_by_id");
        stripe.MadeInDashboard("re_3MtwBwLkdIwHu7ix28a3tqPa", "pi_by_id");
        var settlement = factory.Get<RefundSettlement>();

        (await settlement.RecordRefundedByHandAsync(await factory.StaffAsync(), (await RefundAsync(factory, booking)).Id, reference)).Should().Be(SettleOutcome.Recorded);

        (await RefundAsync(factory, booking)).Should().BeEquivalentTo(new { Status = RefundStatus.SettledByHand, ProviderRefundId = providerRefundId });
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.LedgerEntries.SingleAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositRefunded)).Note
            .Should().Be($"Refunded by hand: {reference.Trim()}");
    }

    [Fact]
    public async Task Two_staff_recording_the_same_refund_at_once_record_it_once()
    {
        var booking = await RefusedRefundAsync(factory, stripe, "pi_twice");
        var staff = await factory.StaffAsync();
        var id = (await RefundAsync(factory, booking)).Id;

        var outcomes = await Race.AllAtOnceAsync(Enumerable.Range(0, 4).Select(i =>
            (Func<Task<SettleOutcome>>)(() => factory.Get<RefundSettlement>().RecordRefundedByHandAsync(staff, id, $"Transfer {i}"))));

        outcomes.Count(o => o == SettleOutcome.Recorded).Should().Be(1);
        outcomes.Count(o => o == SettleOutcome.AlreadySettled).Should().Be(3);
        (await LedgerAsync(factory, booking)).Balance.Should().Be(0m, "the deposit went back once");
    }

    [Fact]
    public async Task Only_staff_see_or_record_refunds_made_by_hand()
    {
        var customer = new StaffActor("customer-id", "someone@example.com", IsStaff: false, IsAdmin: false);
        var settlement = factory.Get<RefundSettlement>();

        await settlement.Invoking(s => s.ListAsync(customer)).Should().ThrowAsync<UnauthorizedAccessException>();
        await settlement.Invoking(s => s.RecordRefundedByHandAsync(customer, 1, "Transfer")).Should().ThrowAsync<UnauthorizedAccessException>();
    }

    private async Task<IEnumerable<ConsistencyViolation>> ViolationsAsync(BookingView booking) =>
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Where(v => v.Ids.Contains($"booking:{booking.ConfirmationNumber}"));
}

public class RefundSettlementOnPostgresTests : RefundSettlementTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
