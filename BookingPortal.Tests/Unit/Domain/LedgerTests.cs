namespace BookingPortal.Tests.Unit.Domain;

public class LedgerTests
{
    private static LedgerEntry Entry(LedgerEntryKind kind, decimal amount) => new() { Kind = kind, Amount = amount, Currency = "USD" };

    [Fact]
    public void A_deposit_payable_at_reception_is_owed_until_paid()
    {
        var summary = LedgerSummary.Of([Entry(LedgerEntryKind.DepositDue, 50m)]);

        summary.Owed.Should().Be(50m);
        summary.Paid.Should().Be(0m);
        summary.Balance.Should().Be(50m);
    }

    [Fact]
    public void A_late_cancellation_of_a_paid_deposit_refunds_the_rest_and_settles_the_balance()
    {
        var summary = LedgerSummary.Of(
        [
            Entry(LedgerEntryKind.DepositDue, 50m),
            Entry(LedgerEntryKind.DepositCharged, 50m),
            Entry(LedgerEntryKind.DepositWaived, 25m),
            Entry(LedgerEntryKind.DepositRefunded, 25m),
            Entry(LedgerEntryKind.CancellationFeeRetained, 25m),
        ]);

        summary.Paid.Should().Be(25m);
        summary.Refunded.Should().Be(25m);
        summary.Retained.Should().Be(25m);
        summary.Balance.Should().Be(0m);
    }

    [Fact]
    public void A_late_cancellation_of_an_unpaid_deposit_leaves_the_fee_owed()
    {
        var summary = LedgerSummary.Of(
        [
            Entry(LedgerEntryKind.DepositDue, 50m),
            Entry(LedgerEntryKind.DepositWaived, 25m),
            Entry(LedgerEntryKind.CancellationFeeRetained, 25m),
        ]);

        summary.Balance.Should().Be(25m);
        summary.Retained.Should().Be(25m);
    }

    [Fact]
    public void An_empty_ledger_is_all_zero() =>
        LedgerSummary.Of([]).Should().Be(new LedgerSummary(0m, 0m, 0m, 0m));
}
