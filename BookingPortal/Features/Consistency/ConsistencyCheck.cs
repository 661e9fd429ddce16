using System.Data;
using Microsoft.Data.Sqlite;

namespace BookingPortal.Features.Consistency;

/// <summary>
/// States the product's invariants and finds every row that breaks one. Each invariant is one or
/// two set-based queries that return only the offenders (plus the ids to name them), all read from
/// one snapshot so a booking made while the check runs cannot look like a violation.
/// </summary>
[ScopedService]
public sealed class ConsistencyCheck(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Offenders listed per invariant; a database broken wholesale needs no 100,000-line report.</summary>
    public const int MaxListedPerInvariant = 200;

    internal static readonly BookingStatus[] Active = Domain.Booking.ActiveStatuses;

    public async Task<ConsistencyReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var checkedAt = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        await using var snapshot = await BeginSnapshotAsync(db, cancellationToken);

        var violations = new List<ConsistencyViolation>();
        violations.AddRange(await SeatInvariants.SlotCountersAsync(db, cancellationToken));
        violations.AddRange(await SeatInvariants.ClosedSlotsAsync(db, cancellationToken));
        violations.AddRange(await AdmissionsAsync(db, cancellationToken));
        violations.AddRange(await SeatInvariants.WaitlistOffersAsync(db, cancellationToken));
        violations.AddRange(await LedgerInvariants.LedgersAsync(db, cancellationToken));
        violations.AddRange(await OutboxAsync(db, cancellationToken));
        violations.AddRange(await PractitionerInvariants.OverlapsAsync(db, cancellationToken));
        return new ConsistencyReport(checkedAt, time.GetElapsedTime(started), violations);
    }

    /// <summary>
    /// A booking does not store the admission it used; the admission records when it was used
    /// (ReleaseGate and the batch writer complete it with the booking's own creation instant). So the
    /// bookings an admission made are that customer's bookings of the release's service created at
    /// that instant, leaving out waitlist claims and staff bookings for the customer (they need no turn; the audit log
    /// names the latter). More than one is a violation.
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
                where db.Bookings.Count(b => b.CustomerId == e.CustomerId && b.ServiceId == r.ServiceId && b.CreatedAtUtc == e.FinishedAtUtc
                                             && !db.AuditEntries.Any(a => a.Action == AuditEntry.BookingMadeByStaff && a.Subject == b.ConfirmationNumber)) > 1
                orderby e.Id
                select new { e.Id, e.CustomerId, r.ServiceId, e.FinishedAtUtc })
            .Take(MaxListedPerInvariant + 1)
            .ToListAsync(cancellationToken);
        var violations = new List<ConsistencyViolation>();
        foreach (var entry in candidates.Take(MaxListedPerInvariant))
        {
            var numbers = await db.Bookings
                .Where(b => b.CustomerId == entry.CustomerId && b.ServiceId == entry.ServiceId && b.CreatedAtUtc == entry.FinishedAtUtc
                            && !db.WaitlistEntries.Any(w => w.ClaimedBookingId == b.Id)
                            && !db.AuditEntries.Any(a => a.Action == AuditEntry.BookingMadeByStaff && a.Subject == b.ConfirmationNumber))
                .OrderBy(b => b.ConfirmationNumber).Select(b => b.ConfirmationNumber).ToListAsync(cancellationToken);
            if (numbers.Count > 1)
            {
                violations.Add(new ConsistencyViolation(ConsistencyInvariants.AdmissionUsedOnce,
                    $"Queue admission {entry.Id} was used by {numbers.Count} bookings.", [$"queue:{entry.Id}", .. numbers.Select(n => "booking:" + n)]));
            }
        }

        return Listed(ConsistencyInvariants.AdmissionUsedOnce, candidates, violations);
    }

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

    internal static List<ConsistencyViolation> Listed<T>(string invariant, IReadOnlyCollection<T> offenders, Func<T, ConsistencyViolation> describe) =>
        Listed(invariant, offenders, offenders.Take(MaxListedPerInvariant).Select(describe).ToList());

    /// <summary>Adds a last line when more offenders exist than are listed.</summary>
    internal static List<ConsistencyViolation> Listed<T>(string invariant, IReadOnlyCollection<T> offenders, List<ConsistencyViolation> violations)
    {
        if (offenders.Count > MaxListedPerInvariant)
        {
            violations.Add(new ConsistencyViolation(invariant, $"More than {MaxListedPerInvariant} offenders: only the first are listed.", []));
        }

        return violations;
    }
}
