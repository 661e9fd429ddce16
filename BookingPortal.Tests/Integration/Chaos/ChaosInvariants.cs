using BookingPortal.Data;
using BookingPortal.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BookingPortal.Tests.Integration.Chaos;

public sealed record ChaosVerdict(bool IsClean, IReadOnlyList<string> Violations);

/// <summary>
/// What must hold after any interleaving of the portal's operations, read from the database.
/// A stand-in for the product's own consistency check (Features/Consistency, being built on
/// another branch): when it lands, <see cref="CheckAsync"/> becomes a call to it.
/// </summary>
public static class ChaosInvariants
{
    public static Task<ChaosVerdict> CheckAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        MinimalCheckAsync(services, cancellationToken);

    private static async Task<ChaosVerdict> MinimalCheckAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var nowUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await services.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync(cancellationToken);
        var counters = await db.SlotInventories.AsNoTracking().ToListAsync(cancellationToken);
        var bookings = await db.Bookings.AsNoTracking()
            .Select(b => new { b.Id, b.ConfirmationNumber, b.CustomerId, b.ServiceId, b.SlotInventoryId, b.StartUtc, b.Status, b.PaymentReference })
            .ToListAsync(cancellationToken);
        var offers = await db.WaitlistEntries.AsNoTracking().Where(e => e.Status == WaitlistStatus.Offered || e.Status == WaitlistStatus.Claimed).ToListAsync(cancellationToken);
        var ledger = (await db.LedgerEntries.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(e => e.BookingId);
        var limits = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.MaxActiveBookingsPerCustomer, cancellationToken);
        var violations = new List<string>();

        // Seats: every counter is its slot's bookings (those not cancelled: a visit or a no-show keeps its seat) plus the seats held for waitlist offers.
        var seated = bookings.Where(b => b.Status != BookingStatus.Cancelled).ToLookup(b => b.SlotInventoryId);
        var held = offers.Where(e => e.Status == WaitlistStatus.Offered).ToLookup(e => e.OfferedSlotInventoryId);
        foreach (var counter in counters)
        {
            var expected = seated[counter.Id].Count() + held[counter.Id].Count();
            if (counter.Booked != expected)
            {
                violations.Add($"slot {counter.Id} ({counter.StartUtc:o}): counter says {counter.Booked} booked, but {seated[counter.Id].Count()} bookings and {held[counter.Id].Count()} offers hold it " +
                               $"[{string.Join(", ", seated[counter.Id].Select(b => $"{b.ConfirmationNumber} {b.Status}"))}]");
            }

            if (counter.Booked < 0 || counter.Booked > counter.Capacity)
            {
                violations.Add($"slot {counter.Id} ({counter.StartUtc:o}): {counter.Booked} booked of {counter.Capacity} seats");
            }
        }

        var countersById = counters.ToDictionary(c => c.Id);
        foreach (var booking in bookings.Where(b => !countersById.TryGetValue(b.SlotInventoryId, out var c) || c.StartUtc != b.StartUtc))
        {
            violations.Add($"booking {booking.ConfirmationNumber} starts at {booking.StartUtc:o} but sits on slot {booking.SlotInventoryId}, which is another time");
        }

        // Limits: nobody holds more upcoming bookings of a service than it allows (each was taken under the customer's gate).
        foreach (var group in bookings.Where(b => b.Status is BookingStatus.PendingPayment or BookingStatus.Confirmed && b.StartUtc > nowUtc).GroupBy(b => (b.CustomerId, b.ServiceId)))
        {
            if (group.Count() > limits[group.Key.ServiceId])
            {
                violations.Add($"customer {group.Key.CustomerId} holds {group.Count()} upcoming bookings of service {group.Key.ServiceId}, more than its limit of {limits[group.Key.ServiceId]}");
            }
        }

        // Offers: a claimed offer made exactly its booking.
        var bookingIds = bookings.Select(b => b.Id).ToHashSet();
        foreach (var claimed in offers.Where(e => e.Status == WaitlistStatus.Claimed && (e.ClaimedBookingId is not { } id || !bookingIds.Contains(id))))
        {
            violations.Add($"waitlist entry {claimed.Id} is claimed but its booking {claimed.ClaimedBookingId} does not exist");
        }

        // Money: amounts are positive; a deposit is charged at most once and only with the provider's payment id recorded;
        // no more is refunded than was charged, and no more waived than was due.
        foreach (var booking in bookings)
        {
            var money = ledger[booking.Id].ToList();
            decimal Sum(LedgerEntryKind kind) => money.Where(e => e.Kind == kind).Sum(e => e.Amount);
            var charges = money.Count(e => e.Kind == LedgerEntryKind.DepositCharged);
            if (money.Any(e => e.Amount <= 0))
            {
                violations.Add($"booking {booking.ConfirmationNumber}: a ledger entry of zero or less");
            }

            if (charges > 1 || (charges == 1) != (booking.PaymentReference is not null))
            {
                violations.Add($"booking {booking.ConfirmationNumber}: {charges} deposit charges, payment reference {booking.PaymentReference ?? "none"}");
            }

            if (Sum(LedgerEntryKind.DepositRefunded) > Sum(LedgerEntryKind.DepositCharged))
            {
                violations.Add($"booking {booking.ConfirmationNumber}: refunded {Sum(LedgerEntryKind.DepositRefunded)} of {Sum(LedgerEntryKind.DepositCharged)} charged");
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

        return new ChaosVerdict(violations.Count == 0, violations);
    }
}
