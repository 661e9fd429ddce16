namespace BookingPortal.Features.Bookings;

public enum ReassignmentOutcome
{
    Reassigned,
    BookingNotFound,

    /// <summary>Cancelled, completed or already started: nothing to give to someone else.</summary>
    BookingNotActive,

    /// <summary>The service books no practitioners, or the practitioner does not perform it.</summary>
    NotPerformedByPractitioner,
    AlreadyTheirs,

    /// <summary>The practitioner is not working then, is busy, has a clashing appointment, or no room is free.</summary>
    PractitionerUnavailable,

    /// <summary>The booking moved or was reassigned meanwhile: read it again before deciding.</summary>
    ChangedMeanwhile,
}

/// <summary>
/// Staff giving a booking to another practitioner at the same time (time off over existing bookings). The same
/// rule as a booking: the practitioner's and rooms' row locks, then their overlaps, then the booking updated only
/// while it is still active at the time and with the practitioner read. Business refusals are outcomes, never exceptions.
/// The first practitioner (and a room left) is free then: after the commit, as for any freed appointment (<see cref="FreedTimeOffers"/>).
/// </summary>
[ScopedService]
public sealed class PractitionerReassignment(
    IDbContextFactory<BookingDbContext> dbFactory, FreedTimeOffers freedTime, TimeProvider time, ILogger<PractitionerReassignment> logger)
{
    /// <param name="asListed">The practitioner and start staff saw: a booking moved or reassigned since is not given away on that view.</param>
    /// <param name="alsoInTransaction">Work that must commit with the reassignment or not at all (the customer's e-mail in the outbox, an audit entry); it sees the booking as reassigned.</param>
    public async Task<ReassignmentOutcome> ReassignAsync(
        Guid bookingId, int practitionerId, (int? PractitionerId, DateTime StartUtc)? asListed = null,
        Func<BookingDbContext, Domain.Booking, Task>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        var (outcome, left) = await ConflictRetry.RunAsync(
            dbFactory, db => TryReassignAsync(db, bookingId, practitionerId, asListed, alsoInTransaction, cancellationToken), logger, cancellationToken);
        if (left is not null)
        {
            await freedTime.OfferAsync(left.PractitionerId, left.RoomId, left.StartUtc, left.EndUtc);
        }

        return outcome;
    }

    /// <summary>What a reassignment left free: the first practitioner, and the room when the booking changed rooms.</summary>
    private sealed record LeftPlace(int? PractitionerId, int? RoomId, DateTime StartUtc, DateTime EndUtc);

    private async Task<(ReassignmentOutcome Outcome, LeftPlace? Left)> TryReassignAsync(
        BookingDbContext db, Guid bookingId, int practitionerId, (int? PractitionerId, DateTime StartUtc)? asListed,
        Func<BookingDbContext, Domain.Booking, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().Include(b => b.Service).SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (Refusal(booking, practitionerId, asListed) is { } refused)
        {
            return (refused, null);
        }

        var service = booking!.Service!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (free, assignment) = await PractitionerSeats.AssignOneAsync(db, service, booking.Id, practitionerId, booking.StartUtc, booking.EndUtc, cancellationToken);
        if (!free)
        {
            return (assignment is null && !await PerformsAsync(db, service.Id, practitionerId, cancellationToken)
                ? ReassignmentOutcome.NotPerformedByPractitioner
                : ReassignmentOutcome.PractitionerUnavailable, null);
        }

        var updated = await db.Bookings
            .Where(b => b.Id == booking.Id && b.PractitionerId == booking.PractitionerId && b.StartUtc == booking.StartUtc).Where(Domain.Booking.HoldsSeat)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.PractitionerId, practitionerId).SetProperty(x => x.RoomId, assignment!.RoomId), cancellationToken);
        if (updated != 1)
        {
            return (ReassignmentOutcome.ChangedMeanwhile, null);
        }

        var left = new LeftPlace(booking.PractitionerId, booking.RoomId != assignment!.RoomId ? booking.RoomId : null, booking.StartUtc, booking.EndUtc);
        if (alsoInTransaction is not null)
        {
            booking.PractitionerId = practitionerId;
            booking.RoomId = assignment!.RoomId;
            await alsoInTransaction(db, booking);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Booking {Confirmation} reassigned to practitioner {PractitionerId}.", booking.ConfirmationNumber, practitionerId);
        return (ReassignmentOutcome.Reassigned, left);
    }

    private ReassignmentOutcome? Refusal(Domain.Booking? booking, int practitionerId, (int? PractitionerId, DateTime StartUtc)? asListed) => booking switch
    {
        null => ReassignmentOutcome.BookingNotFound,
        _ when asListed is { } listed && (booking.PractitionerId != listed.PractitionerId || booking.StartUtc != listed.StartUtc) => ReassignmentOutcome.ChangedMeanwhile,
        _ when !booking.IsActiveAt(time.GetUtcNow().UtcDateTime) => ReassignmentOutcome.BookingNotActive,
        _ when booking.Service is not { BooksPractitioners: true } => ReassignmentOutcome.NotPerformedByPractitioner,
        _ when booking.PractitionerId == practitionerId => ReassignmentOutcome.AlreadyTheirs,
        _ => null,
    };

    private static Task<bool> PerformsAsync(BookingDbContext db, int serviceId, int practitionerId, CancellationToken cancellationToken) =>
        db.PractitionerServices.AnyAsync(ps => ps.ServiceId == serviceId && ps.PractitionerId == practitionerId && db.Practitioners.Any(p => p.Id == practitionerId && p.IsActive), cancellationToken);
}
