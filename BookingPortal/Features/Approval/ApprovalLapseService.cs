using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Approval;

/// <summary>
/// Ends the requests nobody answered by their deadline (or by the appointment's start), freeing their
/// seats through the same transition as a decline; it is conditional, so a second sweep on another
/// instance, or staff answering at the same moment, cannot end one twice.
/// </summary>
[ScopedService]
public sealed class ApprovalLapseService(
    IDbContextFactory<BookingDbContext> dbFactory,
    ApprovalTransitions transitions,
    SlotChangeNotifier slotChanges,
    BookingChangeNotifier bookingChanges,
    TimeProvider time,
    ILogger<ApprovalLapseService> logger)
{
    /// <summary>What the customer reads when nobody answered; a person declining writes their own reason.</summary>
    public const string LapsedReason = "The clinic could not review your request in time.";

    /// <summary>Who the audit log names for a lapse: nobody did it, the deadline did.</summary>
    public const string LapseActorId = "system:approval-deadline";

    private const int BatchSize = 200;

    /// <returns>How many requests this call ended.</returns>
    public async Task<int> LapseDueAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.AwaitingApproval && (b.ExpiresAtUtc <= nowUtc || b.StartUtc <= nowUtc))
            .OrderBy(b => b.ExpiresAtUtc)
            .Select(b => new DueBooking(b.Id, b.ServiceId))
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var end = new EndOfRequest(LapseActorId, "Approval deadline", LapsedReason, "booking.approval_lapsed", OnlyWhenDue: true);
        var lapsed = await DueBookingSweep.EndEachAsync(due, id => transitions.EndAsync(id, end, nowUtc, cancellationToken), slotChanges, bookingChanges);
        if (lapsed > 0)
        {
            logger.LogInformation("{Count} approval requests lapsed unanswered.", lapsed);
        }

        return lapsed;
    }
}
