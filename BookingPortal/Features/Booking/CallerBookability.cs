using BookingPortal.Features.Bookings;
using BookingPortal.Features.Queue;

namespace BookingPortal.Features.Booking;

/// <summary>
/// What would refuse this customer's booking of a service's slots, read as a booking reads it (the
/// staff-help flag, the limit, the waiting-room turn, a seat already held in the slot), so
/// availability can answer "bookable" for the caller rather than for anyone.
/// </summary>
public sealed record CallerStanding(BookingError? Refusal, IReadOnlySet<DateTime> HeldSlotStarts, bool OneSeatPerSlot)
{
    public BookingError? RefusalAt(DateTime slotStartUtc) =>
        Refusal ?? (OneSeatPerSlot && HeldSlotStarts.Contains(slotStartUtc) ? BookingError.SeatAlreadyHeld : null);
}

/// <summary>Reads a customer's <see cref="CallerStanding"/> for a service; only reads, so the booking itself still decides.</summary>
[ScopedService]
public sealed class CallerBookability(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    public async Task<CallerStanding> ForAsync(Service service, string customerId, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var held = await db.Bookings.AsNoTracking().Where(BookingWrites.ActiveAfter(nowUtc))
            .Where(b => b.CustomerId == customerId && b.ServiceId == service.Id)
            .Select(b => b.StartUtc)
            .ToListAsync(cancellationToken);
        var releaseId = await db.Releases.AsNoTracking().Where(r => r.ServiceId == service.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var admitted = releaseId is not { } id
                       || (await ReleaseGate.AdmittedTurnsAsync(db, [customerId], [id], nowUtc, cancellationToken)).Count > 0;
        var refusal = await BookingWrites.NeedsStaffHelpAsync(db, customerId, cancellationToken) ? BookingError.NeedsStaffHelp
            : BookingRules.HasReachedLimit(service, held.Count) ? BookingError.LimitReached
            : !admitted ? BookingError.NotAdmitted
            : (BookingError?)null;
        return new CallerStanding(refusal, held.Select(s => DateTime.SpecifyKind(s, DateTimeKind.Utc)).ToHashSet(), !service.AllowSeveralSeatsPerCustomer);
    }
}
