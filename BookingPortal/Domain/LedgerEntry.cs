namespace BookingPortal.Domain;

/// <summary>
/// Money movements of one booking. Every amount is positive; the kind says which way it goes.
/// DepositDue records what the customer owes for the deposit; DepositWaived takes part or all of
/// that back (a cancellation). DepositCharged and DepositRefunded are money that actually moved.
/// CancellationFeeRetained and NoShowForfeited say why the part of a deposit that is kept was kept.
/// </summary>
public enum LedgerEntryKind
{
    DepositDue,
    DepositCharged,
    DepositRefunded,
    DepositWaived,
    CancellationFeeRetained,
    NoShowForfeited,

    /// <summary>A no-show undone by staff (the customer came after all): the forfeit is no longer kept.</summary>
    NoShowForfeitReversed,

    /// <summary>
    /// A refund the provider accepted and later reported failed (the card closed, the bank sent it back): the
    /// money never reached the customer, so the DepositRefunded entry no longer stands and staff refund by hand.
    /// </summary>
    DepositRefundReturned,
}

public class LedgerEntry
{
    public long Id { get; set; }
    public Guid BookingId { get; set; }
    public LedgerEntryKind Kind { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public DateTime AtUtc { get; set; }
    public string? Note { get; set; }
    public string? ActorId { get; set; }

    /// <summary>The longest note stored (its column's length).</summary>
    public const int MaxNoteLength = 500;

    /// <remarks>
    /// A note longer than its column is cut, with an ellipsis: a staff member's 500-character waiver reason after the
    /// note's own words overflowed it on PostgreSQL, and the cancellation failed. The whole reason stays on the booking
    /// and in the audit log.
    /// </remarks>
    public static LedgerEntry For(Guid bookingId, string currency, LedgerEntryKind kind, decimal amount, DateTime atUtc, string note, string? actorId = null) =>
        new()
        {
            BookingId = bookingId,
            Kind = kind,
            Amount = amount,
            Currency = currency,
            AtUtc = atUtc,
            Note = TextFit.Cut(note, MaxNoteLength),
            ActorId = actorId,
        };
}

/// <summary>Derived figures of a booking's ledger: nothing is stored that the entries can tell.</summary>
public sealed record LedgerSummary(decimal Owed, decimal Paid, decimal Refunded, decimal Retained)
{
    /// <summary>What the customer still has to pay for the deposit line (negative: the clinic owes them).</summary>
    public decimal Balance => Owed - Paid;

    public static LedgerSummary Of(IEnumerable<LedgerEntry> entries)
    {
        var list = entries.ToList();
        decimal Sum(LedgerEntryKind kind) => list.Where(e => e.Kind == kind).Sum(e => e.Amount);
        var refunded = Sum(LedgerEntryKind.DepositRefunded) - Sum(LedgerEntryKind.DepositRefundReturned);
        return new LedgerSummary(
            Owed: Sum(LedgerEntryKind.DepositDue) - Sum(LedgerEntryKind.DepositWaived),
            Paid: Sum(LedgerEntryKind.DepositCharged) - refunded,
            Refunded: refunded,
            Retained: Sum(LedgerEntryKind.CancellationFeeRetained) + Sum(LedgerEntryKind.NoShowForfeited) - Sum(LedgerEntryKind.NoShowForfeitReversed));
    }
}
