using System.Data;
using BookingPortal.Data;
using BookingPortal.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Consistency;

/// <summary>
/// States the product's invariants and finds every row that breaks one. Each invariant is one or
/// two set-based queries that return only the offenders (plus the ids to name them), all read from
/// one snapshot so a booking made while the check runs cannot look like a violation.
/// </summary>
public sealed class ConsistencyCheck(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Offenders listed per invariant; a database broken wholesale needs no 100,000-line report.</summary>
    public const int MaxListedPerInvariant = 200;

    private static readonly BookingStatus[] Active = [BookingStatus.PendingPayment, BookingStatus.Confirmed];

    public async Task<ConsistencyReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var checkedAt = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        await using var snapshot = await BeginSnapshotAsync(db, cancellationToken);

        var violations = new List<ConsistencyViolation>();
        violations.AddRange(await SlotCountersAsync(db, cancellationToken));
        violations.AddRange(await ClosedSlotsAsync(db, cancellationToken));
        violations.AddRange(await AdmissionsAsync(db, cancellationToken));
        violations.AddRange(await WaitlistOffersAsync(db, cancellationToken));
        violations.AddRange(await LedgersAsync(db, cancellationToken));
        violations.AddRange(await OutboxAsync(db, cancellationToken));
        return new ConsistencyReport(checkedAt, time.GetElapsedTime(started), violations);
    }

    /// <summary>
    /// Booked = bookings holding a seat + waitlist offers holding one. A booking holds its seat until
    /// it is cancelled (a completed visit or a no-show keeps it: nothing gives it back), and an
    /// Offered entry holds the seat SeatReleaser counted for it until it is claimed or ends.
    /// </summary>
    private static async Task<List<ConsistencyViolation>> SlotCountersAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var wrong = await db.SlotInventories
            .Select(i => new
            {
                i.Id,
                i.ServiceId,
                i.StartUtc,
                i.Booked,
                i.Capacity,
                Bookings = db.Bookings.Count(b => b.SlotInventoryId == i.Id && b.Status != BookingStatus.Cancelled),
                Offers = db.WaitlistEntries.Count(w => w.OfferedSlotInventoryId == i.Id && w.Status == WaitlistStatus.Offered),
            })
            .Where(c => c.Booked != c.Bookings + c.Offers || c.Booked < 0 || c.Booked > c.Capacity)
            .OrderBy(c => c.Id)
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        var ids = wrong.Take(MaxListedPerInvariant).Select(c => c.Id).ToList();
        var seatedBookings = await db.Bookings.Where(b => ids.Contains(b.SlotInventoryId) && b.Status != BookingStatus.Cancelled)
            .Select(b => new { b.SlotInventoryId, b.ConfirmationNumber }).ToListAsync(cancellationToken);
        var heldOffers = await db.WaitlistEntries.Where(w => w.Status == WaitlistStatus.Offered && w.OfferedSlotInventoryId != null && ids.Contains(w.OfferedSlotInventoryId.Value))
            .Select(w => new { w.OfferedSlotInventoryId, w.Id }).ToListAsync(cancellationToken);
        var holders = seatedBookings.Select(b => (Slot: b.SlotInventoryId, Id: "booking:" + b.ConfirmationNumber))
            .Concat(heldOffers.Select(w => (Slot: w.OfferedSlotInventoryId!.Value, Id: $"waitlist:{w.Id}")))
            .ToLookup(h => h.Slot, h => h.Id);
        return Listed(ConsistencyInvariants.SlotCounter, wrong, c => new ConsistencyViolation(
            ConsistencyInvariants.SlotCounter,
            FormattableString.Invariant($"Slot {c.Id} (service {c.ServiceId}, {c.StartUtc:yyyy-MM-dd HH:mm} UTC) counts {c.Booked} of {c.Capacity} seats taken, ")
            + $"but {c.Bookings} booking(s) and {c.Offers} waitlist offer(s) hold a seat on it.",
            [$"slot:{c.Id}", .. holders[c.Id].Order(StringComparer.Ordinal)]));
    }

    /// <summary>
    /// The slot does not store whether staff chose to keep or to cancel its bookings when they closed
    /// it; the cancelled bookings do (<see cref="SlotInventory.ClosedWithBookingsReason"/>). So: on a
    /// slot still closed, a booking that existed when such a cancellation ran (created at or before
    /// it) and is still active escaped the closing. A booking created later (offered a seat held
    /// before the closing, or made while the slot was open again) is not judged: it may rightly stand.
    /// </summary>
    private static async Task<List<ConsistencyViolation>> ClosedSlotsAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var escaped = await db.Bookings
            .Where(b => Active.Contains(b.Status))
            .Join(db.SlotInventories.Where(i => i.IsClosed), b => b.SlotInventoryId, i => i.Id, (b, i) => b)
            .Where(b => db.Bookings.Any(c => c.SlotInventoryId == b.SlotInventoryId && c.Status == BookingStatus.Cancelled
                                             && c.CancellationReason == SlotInventory.ClosedWithBookingsReason && c.CancelledAtUtc >= b.CreatedAtUtc))
            .OrderBy(b => b.SlotInventoryId).ThenBy(b => b.ConfirmationNumber)
            .Select(b => new { b.SlotInventoryId, b.ConfirmationNumber })
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        var slots = escaped.GroupBy(b => b.SlotInventoryId).ToList();
        return Listed(ConsistencyInvariants.ClosedSlotCancelled, slots, slot => new ConsistencyViolation(
            ConsistencyInvariants.ClosedSlotCancelled,
            $"Slot {slot.Key} was closed with its bookings cancelled, yet {slot.Count()} booking(s) it had then are still active.",
            [$"slot:{slot.Key}", .. slot.Select(b => "booking:" + b.ConfirmationNumber)]));
    }

    /// <summary>
    /// A booking does not store the admission it used; the admission records when it was used
    /// (ReleaseGate and the batch writer complete it with the booking's own creation instant). So the
    /// bookings an admission made are that customer's bookings of the release's service created at
    /// that instant, leaving out waitlist claims (they need no turn). More than one is a violation.
    /// </summary>
    private static async Task<List<ConsistencyViolation>> AdmissionsAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        // First the admissions matched by more than one booking at all (an index seek each); the
        // few found then leave out waitlist claims, which have no index to be looked up by per booking.
        var candidates = await (
                from e in db.QueueEntries
                where e.Status == QueueEntryStatus.Completed && e.CustomerId != null && e.FinishedAtUtc != null
                join o in db.ReleaseOpenings on e.OpeningId equals o.Id
                join r in db.Releases on o.ReleaseId equals r.Id
                where db.Bookings.Count(b => b.CustomerId == e.CustomerId && b.ServiceId == r.ServiceId && b.CreatedAtUtc == e.FinishedAtUtc) > 1
                orderby e.Id
                select new { e.Id, e.CustomerId, r.ServiceId, e.FinishedAtUtc })
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        var violations = new List<ConsistencyViolation>();
        foreach (var entry in candidates.Take(MaxListedPerInvariant))
        {
            var numbers = await db.Bookings
                .Where(b => b.CustomerId == entry.CustomerId && b.ServiceId == entry.ServiceId && b.CreatedAtUtc == entry.FinishedAtUtc
                            && !db.WaitlistEntries.Any(w => w.ClaimedBookingId == b.Id))
                .OrderBy(b => b.ConfirmationNumber).Select(b => b.ConfirmationNumber).ToListAsync(cancellationToken);
            if (numbers.Count > 1)
            {
                violations.Add(new ConsistencyViolation(ConsistencyInvariants.AdmissionUsedOnce,
                    $"Queue admission {entry.Id} was used by {numbers.Count} bookings.", [$"queue:{entry.Id}", .. numbers.Select(n => "booking:" + n)]));
            }
        }

        return Listed(ConsistencyInvariants.AdmissionUsedOnce, candidates, violations);
    }

    /// <summary>An offer holds exactly one seat (a slot, and no booking yet); a claimed offer is one booking of its customer and service, claimed by no other offer.</summary>
    private static async Task<List<ConsistencyViolation>> WaitlistOffersAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var malformed = await db.WaitlistEntries
            .Where(w => (w.Status == WaitlistStatus.Offered && (w.OfferedSlotInventoryId == null || w.ClaimedBookingId != null))
                        || (w.Status == WaitlistStatus.Claimed && !db.Bookings.Any(b => b.Id == w.ClaimedBookingId && b.CustomerId == w.CustomerId && b.ServiceId == w.ServiceId))
                        || (w.Status != WaitlistStatus.Claimed && w.Status != WaitlistStatus.Offered && w.ClaimedBookingId != null))
            .OrderBy(w => w.Id)
            .Select(w => new
            {
                w.Id,
                w.Status,
                w.OfferedSlotInventoryId,
                Claimed = db.Bookings.Where(b => b.Id == w.ClaimedBookingId).Select(b => b.ConfirmationNumber).FirstOrDefault(),
            })
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        var violations = Listed(ConsistencyInvariants.WaitlistOffer, malformed, w => new ConsistencyViolation(
            ConsistencyInvariants.WaitlistOffer,
            w.Status switch
            {
                WaitlistStatus.Offered when w.OfferedSlotInventoryId is null => $"Waitlist offer {w.Id} holds no slot.",
                WaitlistStatus.Offered => $"Waitlist offer {w.Id} is still open but already names a booking.",
                WaitlistStatus.Claimed => $"Waitlist entry {w.Id} is claimed but is not one booking of its customer and service.",
                _ => $"Waitlist entry {w.Id} is {w.Status} but names a booking as claimed.",
            },
            [$"waitlist:{w.Id}", .. w.Claimed is { } number ? ["booking:" + number] : Array.Empty<string>()]));

        var shared = await db.WaitlistEntries
            .Where(w => w.ClaimedBookingId != null)
            .GroupBy(w => w.ClaimedBookingId)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        var claims = (await db.WaitlistEntries.Where(w => shared.Contains(w.ClaimedBookingId))
                .Select(w => new { w.Id, w.ClaimedBookingId, Number = db.Bookings.Where(b => b.Id == w.ClaimedBookingId).Select(b => b.ConfirmationNumber).FirstOrDefault() })
                .ToListAsync(cancellationToken))
            .GroupBy(w => w.ClaimedBookingId).ToList();
        violations.AddRange(Listed(ConsistencyInvariants.WaitlistOffer, claims, g => new ConsistencyViolation(
            ConsistencyInvariants.WaitlistOffer,
            $"{g.Count()} waitlist offers were claimed as the same booking {g.First().Number ?? g.Key.ToString()}.",
            [$"booking:{g.First().Number ?? g.Key.ToString()}", .. g.OrderBy(w => w.Id).Select(w => $"waitlist:{w.Id}")])));
        return violations;
    }

    /// <summary>One grouped pass over the ledger; the database keeps only the bookings that break a <see cref="LedgerRules"/> rule.</summary>
    private static async Task<List<ConsistencyViolation>> LedgersAsync(BookingDbContext db, CancellationToken cancellationToken)
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
                    Refunded = g.Sum(e => e != null && e.Kind == LedgerEntryKind.DepositRefunded ? e.Amount : 0m),
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
    private static async Task<Dictionary<Guid, decimal>> PendingRefundsByBookingAsync(
        BookingDbContext db, IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken) =>
        (await db.RefundRequests.AsNoTracking().Where(r => bookingIds.Contains(r.BookingId)).Where(RefundRequest.IsOutstanding)
            .Select(r => new { r.BookingId, r.Amount }).ToListAsync(cancellationToken))
        .GroupBy(r => r.BookingId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));

    /// <summary>The unique (EventKey, Channel) index says this too; the check still looks, in case an index is ever lost in a migration.</summary>
    private static async Task<List<ConsistencyViolation>> OutboxAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var repeated = await db.OutboxMessages
            .GroupBy(m => new { m.EventKey, m.Channel })
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .OrderBy(k => k.EventKey).ThenBy(k => k.Channel)
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        var keys = repeated.Take(MaxListedPerInvariant).Select(k => k.EventKey).Distinct().ToList();
        var rows = (await db.OutboxMessages.Where(m => keys.Contains(m.EventKey)).Select(m => new { m.Id, m.EventKey, m.Channel }).ToListAsync(cancellationToken))
            .ToLookup(m => (m.EventKey, m.Channel), m => m.Id);
        return Listed(ConsistencyInvariants.OutboxOnce, repeated, k => new ConsistencyViolation(
            ConsistencyInvariants.OutboxOnce,
            $"Event {k.EventKey} is queued {rows[(k.EventKey, k.Channel)].Count()} times on the {k.Channel} channel.",
            rows[(k.EventKey, k.Channel)].Order().Select(id => $"outbox:{id}").ToList()));
    }

    /// <summary>
    /// One read snapshot for every query: PostgreSQL's repeatable read, SQLite's deferred transaction
    /// (a plain one would take the write lock and hold every booking up for the whole check). SQL
    /// Server reads committed rows per statement unless snapshot isolation is enabled on the database.
    /// </summary>
    private static async Task<IAsyncDisposable> BeginSnapshotAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
            await db.Database.UseTransactionAsync(transaction, cancellationToken);
            return transaction;
        }

        return await db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.ReadCommitted, cancellationToken);
    }

    private static List<ConsistencyViolation> Listed<T>(string invariant, IReadOnlyCollection<T> offenders, Func<T, ConsistencyViolation> describe) =>
        Listed(invariant, offenders, offenders.Take(MaxListedPerInvariant).Select(describe).ToList());

    /// <summary>Adds a last line when more offenders exist than are listed.</summary>
    private static List<ConsistencyViolation> Listed<T>(string invariant, IReadOnlyCollection<T> offenders, List<ConsistencyViolation> violations)
    {
        if (offenders.Count > MaxListedPerInvariant)
        {
            violations.Add(new ConsistencyViolation(invariant, $"More than {MaxListedPerInvariant} offenders: only the first are listed.", []));
        }

        return violations;
    }
}
