namespace BookingPortal.Tests.Unit.Domain;

/// <summary>Each ledger is read whole: all four figures and the balance, so no figure goes unchecked in any shape.</summary>
public class LedgerTests
{
    public static TheoryData<string, (LedgerEntryKind Kind, decimal Amount)[], LedgerSummary, decimal> Ledgers => new()
    {
        {
            "a deposit payable at reception is owed until paid",
            [(LedgerEntryKind.DepositDue, 50m)],
            new(Owed: 50m, Paid: 0m, Refunded: 0m, Retained: 0m), 50m
        },
        {
            "a late cancellation of a paid deposit refunds the rest and settles the balance",
            [
                (LedgerEntryKind.DepositDue, 50m),
                (LedgerEntryKind.DepositCharged, 50m),
                (LedgerEntryKind.DepositWaived, 25m),
                (LedgerEntryKind.DepositRefunded, 25m),
                (LedgerEntryKind.CancellationFeeRetained, 25m),
            ],
            new(Owed: 25m, Paid: 25m, Refunded: 25m, Retained: 25m), 0m
        },
        {
            "a late cancellation of an unpaid deposit leaves the fee owed",
            [
                (LedgerEntryKind.DepositDue, 50m),
                (LedgerEntryKind.DepositWaived, 25m),
                (LedgerEntryKind.CancellationFeeRetained, 25m),
            ],
            new(Owed: 25m, Paid: 0m, Refunded: 0m, Retained: 25m), 25m
        },
        { "an empty ledger is all zero", [], new(Owed: 0m, Paid: 0m, Refunded: 0m, Retained: 0m), 0m },
    };

    [Theory]
    [MemberData(nameof(Ledgers))]
    public void A_ledger_sums_to_what_is_owed_paid_refunded_and_retained(string shape, (LedgerEntryKind Kind, decimal Amount)[] entries, LedgerSummary expected, decimal balance)
    {
        var summary = LedgerSummary.Of(entries.Select(e => new LedgerEntry { Kind = e.Kind, Amount = e.Amount, Currency = "USD" }));

        summary.Should().Be(expected, shape);
        summary.Balance.Should().Be(balance, shape);
    }
}
