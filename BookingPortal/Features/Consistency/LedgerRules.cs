using System.Linq.Expressions;
using static System.FormattableString;

namespace BookingPortal.Features.Consistency;

/// <summary>
/// What the rules need to know of one booking and its ledger. Built by one grouped query; the
/// properties are settable so the database can filter on them (see <see cref="LedgerRules.AnyBroken"/>).
/// </summary>
public sealed class LedgerFacts
{
    public Guid BookingId { get; set; }
    public string ConfirmationNumber { get; set; } = "";
    public BookingStatus Status { get; set; }
    public decimal DepositAmount { get; set; }

    /// <summary>The provider confirmed a payment for it (the booking has a payment reference).</summary>
    public bool PaidOnline { get; set; }

    /// <summary>Payments other than the booking's own, each refunded in full as it came (a second checkout paid): each is one more charge.</summary>
    public int OtherPayments { get; set; }

    public int DueEntries { get; set; }
    public int Charges { get; set; }
    public int Forfeits { get; set; }
    public int Reversals { get; set; }
    public decimal Charged { get; set; }
    public decimal Refunded { get; set; }
    public decimal FeeRetained { get; set; }

    /// <summary>
    /// Refunds written as durable work but not sent yet (pending, or being sent): a cancelled paid booking waiting for one
    /// is not missing its refund. A refund that failed for good is neither recorded nor pending, so it is reported.
    /// </summary>
    public decimal PendingRefund { get; set; }
}

/// <summary>One thing a correct ledger never shows, written once: as a filter for the database and, compiled, for the report.</summary>
public sealed class LedgerRule(Expression<Func<LedgerFacts, bool>> broken, Func<LedgerFacts, string> describe)
{
    private readonly Lazy<Func<LedgerFacts, bool>> compiled = new(broken.Compile);

    public Expression<Func<LedgerFacts, bool>> Broken { get; } = broken;

    public bool IsBrokenBy(LedgerFacts facts) => compiled.Value(facts);

    public string Describe(LedgerFacts facts) => describe(facts);
}

/// <summary>
/// How a ledger looks when the code that writes it is right (BookingWrites, PaymentService,
/// CancellationService, HoldExpiryService, FrontDeskService): the deposit is recorded due once, a
/// payment is charged once and only with the provider's reference (a second payment is charged and refunded in full), a cancelled paid booking gets
/// back everything but the fee kept, and a no-show's deposit is forfeited once.
/// </summary>
public static class LedgerRules
{
    public static readonly IReadOnlyList<LedgerRule> All =
    [
        new(f => f.DueEntries != (f.DepositAmount > 0 ? 1 : 0),
            f => Invariant($"Booking {f.ConfirmationNumber} has a deposit of {f.DepositAmount} but its ledger records a deposit due {f.DueEntries} time(s).")),
        new(f => f.Charges > 1 + f.OtherPayments,
            f => Invariant($"Booking {f.ConfirmationNumber} has its deposit charged {f.Charges - f.OtherPayments} times.")),
        new(f => f.PaidOnline && f.Charges == 0,
            f => Invariant($"Booking {f.ConfirmationNumber} was paid online but its ledger records no charge.")),
        new(f => !f.PaidOnline && f.Charges > 0,
            f => Invariant($"Booking {f.ConfirmationNumber} has a charge recorded without a payment from the provider.")),
        new(f => f.Refunded > f.Charged,
            f => Invariant($"Booking {f.ConfirmationNumber} was refunded {f.Refunded}, more than the {f.Charged} charged.")),
        new(f => f.Status == BookingStatus.Cancelled && f.PaidOnline && f.Charged - f.Refunded - f.PendingRefund > f.FeeRetained,
            f => Invariant($"Cancelled booking {f.ConfirmationNumber} was charged {f.Charged} online and keeps a fee of {f.FeeRetained}, but only {f.Refunded} is refunded and {f.PendingRefund} is waiting to be.")),
        new(f => f.Forfeits > 1,
            f => Invariant($"Booking {f.ConfirmationNumber} has its deposit forfeited {f.Forfeits} times.")),
        new(f => f.Status == BookingStatus.NoShow && f.DepositAmount > 0 && f.Forfeits - f.Reversals != 1,
            f => Invariant($"No-show {f.ConfirmationNumber} has {f.Forfeits} forfeit(s) and {f.Reversals} reversal(s) of its deposit; it should keep exactly one forfeit.")),
        new(f => f.Status != BookingStatus.NoShow && f.Forfeits > f.Reversals,
            f => Invariant($"Booking {f.ConfirmationNumber} is {f.Status}, not a no-show, but keeps a forfeited deposit.")),
        new(f => f.Reversals > f.Forfeits,
            f => Invariant($"Booking {f.ConfirmationNumber} has {f.Reversals} forfeit reversal(s) for {f.Forfeits} forfeit(s).")),
    ];

    /// <summary>True when any rule is broken: the database returns only those bookings.</summary>
    public static Expression<Func<LedgerFacts, bool>> AnyBroken { get; } = Combine(All.Select(r => r.Broken));

    public static IReadOnlyList<string> Check(LedgerFacts facts) => All.Where(r => r.IsBrokenBy(facts)).Select(r => r.Describe(facts)).ToList();

    private static Expression<Func<LedgerFacts, bool>> Combine(IEnumerable<Expression<Func<LedgerFacts, bool>>> rules)
    {
        var facts = Expression.Parameter(typeof(LedgerFacts), "f");
        var body = rules.Select(r => new Rebind(r.Parameters[0], facts).Visit(r.Body)).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<LedgerFacts, bool>>(body, facts);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
