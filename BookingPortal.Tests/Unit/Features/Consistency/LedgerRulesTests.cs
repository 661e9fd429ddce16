using BookingPortal.Features.Consistency;

namespace BookingPortal.Tests.Unit.Features.Consistency;

/// <summary>The ledger shapes correct code writes pass; each shape it never writes names its booking.</summary>
public class LedgerRulesTests
{
    public static TheoryData<string, LedgerFacts> Healthy => new()
    {
        { "paid at reception", Facts(BookingStatus.Confirmed, due: 1) },
        { "no deposit", Facts(BookingStatus.Confirmed, deposit: 0m) },
        { "held for payment", Facts(BookingStatus.PendingPayment, due: 1) },
        { "paid online", Facts(BookingStatus.Confirmed, due: 1, paidOnline: true, charges: 1, charged: 50m) },
        { "paid, cancelled late, rest refunded", Facts(BookingStatus.Cancelled, due: 1, paidOnline: true, charges: 1, charged: 50m, refunded: 25m, fee: 25m) },
        { "paid after the hold ended, refunded", Facts(BookingStatus.Cancelled, due: 1, paidOnline: true, charges: 1, charged: 50m, refunded: 50m) },
        { "paid, cancelled, refund pending", Facts(BookingStatus.Cancelled, due: 1, paidOnline: true, charges: 1, charged: 50m, pending: 50m) },
        { "no-show", Facts(BookingStatus.NoShow, due: 1, paidOnline: true, charges: 1, charged: 50m, forfeits: 1) },
        { "no-show undone", Facts(BookingStatus.Completed, due: 1, forfeits: 1, reversals: 1) },
    };

    public static TheoryData<string, LedgerFacts, string> Broken => new()
    {
        { "deposit due twice", Facts(BookingStatus.Confirmed, due: 2), "records a deposit due 2 time(s)" },
        { "deposit never due", Facts(BookingStatus.Confirmed, due: 0), "records a deposit due 0 time(s)" },
        { "charged twice", Facts(BookingStatus.Confirmed, due: 1, paidOnline: true, charges: 2, charged: 100m), "charged 2 times" },
        { "paid without a charge", Facts(BookingStatus.Confirmed, due: 1, paidOnline: true), "records no charge" },
        { "charge without a payment", Facts(BookingStatus.Confirmed, due: 1, charges: 1, charged: 50m), "without a payment from the provider" },
        { "over-refunded", Facts(BookingStatus.Cancelled, due: 1, paidOnline: true, charges: 1, charged: 50m, refunded: 75m), "more than the 50 charged" },
        { "refund missing", Facts(BookingStatus.Cancelled, due: 1, paidOnline: true, charges: 1, charged: 50m, refunded: 0m, fee: 25m), "only 0 is refunded and 0 is waiting" },
        { "forfeited twice", Facts(BookingStatus.NoShow, due: 1, forfeits: 2), "forfeited 2 times" },
        { "no-show not forfeited", Facts(BookingStatus.NoShow, due: 1), "has 0 forfeit(s)" },
        { "forfeit kept after undo", Facts(BookingStatus.Completed, due: 1, forfeits: 1), "is Completed, not a no-show" },
        { "reversal without forfeit", Facts(BookingStatus.Completed, due: 1, reversals: 1), "1 forfeit reversal(s) for 0 forfeit(s)" },
    };

    [Theory]
    [MemberData(nameof(Healthy))]
    public void A_ledger_correct_code_writes_breaks_no_rule(string shape, LedgerFacts facts)
    {
        LedgerRules.Check(facts).Should().BeEmpty(shape);
        LedgerRules.AnyBroken.Compile()(facts).Should().BeFalse(shape);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_ledger_correct_code_never_writes_is_described_with_its_booking(string shape, LedgerFacts facts, string expected)
    {
        LedgerRules.Check(facts).Should().Contain(d => d.Contains(expected, StringComparison.Ordinal) && d.Contains("K7Q2-M9XW", StringComparison.Ordinal), shape);
        LedgerRules.AnyBroken.Compile()(facts).Should().BeTrue(shape);
    }

    private static LedgerFacts Facts(
        BookingStatus status, decimal deposit = 50m, int due = 0, bool paidOnline = false, int charges = 0, decimal charged = 0m, decimal refunded = 0m,
        decimal fee = 0m, decimal pending = 0m, int forfeits = 0, int reversals = 0) => new()
    {
        BookingId = Guid.NewGuid(),
        ConfirmationNumber = "K7Q2-M9XW",
        Status = status,
        DepositAmount = deposit,
        PaidOnline = paidOnline,
        DueEntries = deposit > 0 ? due : 0,
        Charges = charges,
        Charged = charged,
        Refunded = refunded,
        FeeRetained = fee,
        PendingRefund = pending,
        Forfeits = forfeits,
        Reversals = reversals,
    };
}
