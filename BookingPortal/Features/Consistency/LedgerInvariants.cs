using static BookingPortal.Features.Consistency.ConsistencyCheck;

namespace BookingPortal.Features.Consistency;

/// <summary>The invariants of money: each booking's ledger agrees with its status, refunds included.</summary>
internal static class LedgerInvariants
{
    /// <summary>One grouped pass over the ledger; the database keeps only the bookings that break a <see cref="LedgerRules"/> rule.</summary>
    internal static async Task<List<ConsistencyViolation>> LedgersAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var broken = await (
                from b in db.Bookings
                join e in db.LedgerEntries on b.Id equals e.BookingId into entries
                from e in entries.DefaultIfEmpty()
                group e by new { b.Id, b.ConfirmationNumber, b.Status, b.DepositAmount, PaidOnline = b.PaymentReference != null } into g
                select new LedgerFacts
                {
                    BookingId = g.Key.Id,
                    ConfirmationNumber = g.Key.ConfirmationNumber,
                    Status = g.Key.Status,
                    DepositAmount = g.Key.DepositAmount,
                    PaidOnline = g.Key.PaidOnline,
                    DueEntries = g.Count(e => e != null && e.Kind == LedgerEntryKind.DepositDue),
                    Charges = g.Count(e => e != null && e.Kind == LedgerEntryKind.DepositCharged),
                    Forfeits = g.Count(e => e != null && e.Kind == LedgerEntryKind.NoShowForfeited),
                    Reversals = g.Count(e => e != null && e.Kind == LedgerEntryKind.NoShowForfeitReversed),
                    Charged = g.Sum(e => e != null && e.Kind == LedgerEntryKind.DepositCharged ? e.Amount : 0m),
                    Refunded = g.Sum(e => e != null && e.Kind == LedgerEntryKind.DepositRefunded ? e.Amount
                        : e != null && e.Kind == LedgerEntryKind.DepositRefundReturned ? -e.Amount : 0m),
                    FeeRetained = g.Sum(e => e != null && e.Kind == LedgerEntryKind.CancellationFeeRetained ? e.Amount : 0m),
                    PendingRefund = 0m,
                })
            .Where(LedgerRules.AnyBroken)
            .OrderBy(f => f.ConfirmationNumber)
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);

        var pending = await PendingRefundsByBookingAsync(db, broken.Select(f => f.BookingId).ToList(), cancellationToken);
        var violations = new List<ConsistencyViolation>();
        foreach (var facts in broken.Take(MaxListedPerInvariant))
        {
            facts.PendingRefund = pending.GetValueOrDefault(facts.BookingId);
            violations.AddRange(LedgerRules.Check(facts).Select(description =>
                new ConsistencyViolation(ConsistencyInvariants.Ledger, description, [$"booking:{facts.ConfirmationNumber}"])));
        }

        return Listed(ConsistencyInvariants.Ledger, broken, violations);
    }

    /// <summary>
    /// Refunds written as durable work but not sent yet (pending, or being sent), per booking: a
    /// cancelled paid booking waiting for one is not missing its refund. A refund that failed for
    /// good is neither recorded nor pending, so it is reported.
    /// </summary>
    internal static async Task<Dictionary<Guid, decimal>> PendingRefundsByBookingAsync(
        BookingDbContext db, IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken) =>
        (await db.RefundRequests.AsNoTracking().Where(r => bookingIds.Contains(r.BookingId)).Where(RefundRequest.IsOutstanding)
            .Select(r => new { r.BookingId, r.Amount }).ToListAsync(cancellationToken))
        .GroupBy(r => r.BookingId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
}
