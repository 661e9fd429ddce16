using BookingPortal.Features.Consistency;

namespace BookingPortal.Tests.Integration.Chaos;

public sealed record ChaosVerdict(bool IsClean, IReadOnlyList<string> Violations);

/// <summary>
/// What must hold after any interleaving of the portal's operations: the product's own consistency
/// check (Features/Consistency: counters, closed slots, admissions, offers, ledgers, outbox), plus
/// the properties a run can break that the product check does not state yet (a booking on its
/// slot's time, per-customer limits, positive amounts, waivers within what was due, the queue's
/// concurrency limit and unique places).
/// </summary>
public static class ChaosInvariants
{
    public static async Task<ChaosVerdict> CheckAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var report = await services.GetRequiredService<ConsistencyCheck>().RunAsync(cancellationToken);
        var violations = report.Violations.Select(v => v.ToString())
            .Concat(await NotYetInTheProductCheckAsync(services, cancellationToken))
            .ToList();
        return new ChaosVerdict(violations.Count == 0, violations);
    }

    /// <summary>
    /// The bookings a violation names ("booking:NUMBER"), each as a line of what made it and where it stands: the
    /// idempotency key tells the operation that created it (chaos-SEED-OP, waitlist-ENTRY), so a failed run points at
    /// the path to read even though its interleaving cannot be replayed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DescribeNamedBookingsAsync(IServiceProvider services, IEnumerable<string> violations, CancellationToken cancellationToken = default)
    {
        var numbers = violations.SelectMany(v => System.Text.RegularExpressions.Regex.Matches(v, @"booking:([A-Z0-9-]+)").Select(m => m.Groups[1].Value)).Distinct().ToList();
        await using var db = await services.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync(cancellationToken);
        var named = await db.Bookings.AsNoTracking().Where(b => numbers.Contains(b.ConfirmationNumber)).OrderBy(b => b.ConfirmationNumber).ToListAsync(cancellationToken);
        return named.Select(b => $"{b.ConfirmationNumber}: made by {b.IdempotencyKey} at {b.CreatedAtUtc:o}, service {b.ServiceId}, {b.StartUtc:o}, practitioner {b.PractitionerId}, " +
                                 $"{b.Status}, moved {b.MovedAtUtc:o}, checked in {b.CheckedInAtUtc:o}, cancelled {b.CancelledAtUtc:o}").ToList();
    }

    private static async Task<List<string>> NotYetInTheProductCheckAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var nowUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await services.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync(cancellationToken);
        var counters = await db.SlotInventories.AsNoTracking().ToListAsync(cancellationToken);
        var bookings = await db.Bookings.AsNoTracking()
            .Select(b => new { b.Id, b.ConfirmationNumber, b.CustomerId, b.ServiceId, b.SlotInventoryId, b.StartUtc, b.Status })
            .ToListAsync(cancellationToken);
        var ledger = (await db.LedgerEntries.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(e => e.BookingId);
        var limits = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.MaxActiveBookingsPerCustomer, cancellationToken);
        var violations = new List<string>();

        var countersById = counters.ToDictionary(c => c.Id);
        foreach (var booking in bookings.Where(b => !countersById.TryGetValue(b.SlotInventoryId, out var c) || c.StartUtc != b.StartUtc))
        {
            violations.Add($"booking {booking.ConfirmationNumber} starts at {booking.StartUtc:o} but sits on slot {booking.SlotInventoryId}, which is another time");
        }

        // Limits: nobody holds more upcoming bookings of a service than it allows (each was taken under the customer's gate).
        foreach (var group in bookings.Where(b => Booking.ActiveStatuses.Contains(b.Status) && b.StartUtc > nowUtc).GroupBy(b => (b.CustomerId, b.ServiceId)))
        {
            if (group.Count() > limits[group.Key.ServiceId])
            {
                violations.Add($"customer {group.Key.CustomerId} holds {group.Count()} upcoming bookings of service {group.Key.ServiceId}, more than its limit of {limits[group.Key.ServiceId]}");
            }
        }

        // Money: amounts are positive, and no more waived than was due.
        foreach (var booking in bookings)
        {
            var money = ledger[booking.Id].ToList();
            decimal Sum(LedgerEntryKind kind) => money.Where(e => e.Kind == kind).Sum(e => e.Amount);
            if (money.Any(e => e.Amount <= 0))
            {
                violations.Add($"booking {booking.ConfirmationNumber}: a ledger entry of zero or less");
            }

            if (Sum(LedgerEntryKind.DepositWaived) > Sum(LedgerEntryKind.DepositDue))
            {
                violations.Add($"booking {booking.ConfirmationNumber}: waived {Sum(LedgerEntryKind.DepositWaived)} of {Sum(LedgerEntryKind.DepositDue)} due");
            }
        }

        // Queue: no opening has more people admitted at once than its release allows, and no two entries share a place.
        var releases = await db.Releases.AsNoTracking().ToDictionaryAsync(r => r.Id, cancellationToken);
        var openings = await db.ReleaseOpenings.AsNoTracking().ToListAsync(cancellationToken);
        var places = (await db.QueueEntries.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(e => e.OpeningId);
        foreach (var opening in openings)
        {
            var admitted = places[opening.Id].Count(e => e.Status == QueueEntryStatus.Admitted);
            if (admitted > releases[opening.ReleaseId].MaxConcurrentAdmissions)
            {
                violations.Add($"opening {opening.Id}: {admitted} admitted at once, more than {releases[opening.ReleaseId].MaxConcurrentAdmissions}");
            }

            foreach (var shared in places[opening.Id].Where(e => e.Sequence is not null).GroupBy(e => e.Sequence).Where(g => g.Count() > 1))
            {
                violations.Add($"opening {opening.Id}: place {shared.Key} given to {shared.Count()} entries");
            }
        }

        violations.AddRange(await AnsweredTwiceAsync(db, cancellationToken));
        return violations;
    }

    /// <summary>Approval: a request is answered once, approved or declined (a lapse is a decline), never both.</summary>
    private static async Task<IEnumerable<string>> AnsweredTwiceAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var answers = (await db.OutboxMessages.AsNoTracking().Where(m => m.EventKey.StartsWith("approved:") || m.EventKey.StartsWith("declined:"))
            .Select(m => m.EventKey).ToListAsync(cancellationToken)).ToHashSet();
        return answers.Where(k => k.StartsWith("approved:") && answers.Contains("declined:" + k["approved:".Length..]))
            .Select(k => $"booking {k["approved:".Length..]} was both approved and declined");
    }
}
