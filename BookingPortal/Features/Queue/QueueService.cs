using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Queue;

/// <summary>
/// The customer's side of the waiting room: where they stand, joining (once per opening, however
/// many tabs), leaving, and joining again at the back after their turn lapsed.
/// </summary>
// Stateless and on a waiting customer's page: a singleton, so no waiting circuit holds its own (ServiceLifetimeTests).
[SingletonService]
public sealed class QueueService(
    IDbContextFactory<BookingDbContext> dbFactory,
    CatalogService catalog,
    QueueChangeNotifier changes,
    QueueRateLimits limits,
    AccountRules accountRules,
    ProofOfWorkGate proofs,
    LatestQueueSnapshots latestSnapshots,
    TimeProvider time) : IWaitingRoomQueue
{
    public Task<WaitingRoomState> GetStateAsync(int serviceId, string? customerId, CancellationToken cancellationToken = default) =>
        GetStateAsync(serviceId, QueueMember.Customer(customerId), cancellationToken: cancellationToken);

    /// <param name="snapshot">
    /// The queue snapshot that sent this reload, or null: its seats left and places that count were read once for everyone
    /// in line. Counting the seats here reads the service's whole calendar, and a snapshot can send many pages to reload at once.
    /// </param>
    public async Task<WaitingRoomState> GetStateAsync(int serviceId, QueueMember member, QueueSnapshot? snapshot = null, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (release, service, target) = await TargetAsync(db, serviceId, member.CustomerId, nowUtc, cancellationToken);
        if (release is null || service is null)
        {
            return WaitingRoomState.Open(serviceId);
        }

        if (target is null)
        {
            return new WaitingRoomState(QueueStage.NotOpenYet, serviceId, release, null, null, null, false, null, null, null, null);
        }

        var entry = !member.IsKnown ? null
            : await db.QueueEntries.AsNoTracking().Where(e => e.OpeningId == target.Opening.Id).FirstOrDefaultAsync(member.Owns(), cancellationToken);
        long? position = entry is { Status: QueueEntryStatus.Waiting, Sequence: { } sequence } ? await PositionAsync(db, target.Opening.Id, sequence, snapshot ?? latestSnapshots.Of(target.Opening.Id), cancellationToken) : null;
        // Counted, shown or not, where it decides the stage (no place yet): a release that hides its count still sells out.
        int? seatsLeft = release.ShowRemainingSlots || entry is null ? snapshot?.RemainingSeats ?? await RemainingSeatsAsync(service, cancellationToken) : null;
        int? remaining = release.ShowRemainingSlots ? seatsLeft : null;
        var stage = StageOf(entry, target, nowUtc, seatsLeft);
        return new WaitingRoomState(stage, serviceId, release, target.Opening.Id, target.Opening.OpensAtUtc, target.StartsForCustomerUtc, target.EarlyAccess, entry,
            position, position is { } p ? WaitEstimator.Estimate(p, remaining, release, await OpeningPaceReader.ReadAsync(db, target.Opening.Id, nowUtc, cancellationToken)) : null, remaining)
        {
            Receipt = entry is null ? null : PublishedDraws.Receipt(target.Opening, entry), RankedOutcome = await RankedOutcomeAsync(db, entry, cancellationToken),
            PassedOver = await PassedOverAsync(db, entry, cancellationToken), SeatsLeft = seatsLeft,
        };
    }

    /// <summary>Read at a load or a change of the customer's own stage (not at each move of the line): one account row at most.</summary>
    private async Task<bool> PassedOverAsync(BookingDbContext db, QueueEntry? entry, CancellationToken cancellationToken) =>
        entry is { Status: QueueEntryStatus.Waiting } && accountRules.RequireConfirmedEmail
        && (entry.CustomerId is null || await BookingWrites.LacksConfirmedEmailAsync(db, accountRules, entry.CustomerId, cancellationToken));

    /// <summary>
    /// A place counts only the places ahead that admission takes (<see cref="QueueSnapshot.PositionOf"/>): from the snapshot
    /// that sent the reload, or this instance's latest, when it holds this place. Without one (nobody here watched the line
    /// yet) every numbered place ahead is counted, and the first snapshot handed to the page corrects it: the exact count
    /// looks up the account of everyone ahead for each customer who loads (tens of times the plain count with 45,000 places
    /// ahead), where a snapshot reads them once for the whole line.
    /// </summary>
    private static async Task<long> PositionAsync(BookingDbContext db, long openingId, long sequence, QueueSnapshot? snapshot, CancellationToken cancellationToken) =>
        snapshot is not null && snapshot.OpeningId == openingId && Array.BinarySearch(snapshot.WaitingSequences, sequence) >= 0
            ? snapshot.PositionOf(sequence)
            : await db.QueueEntries.CountAsync(e => e.OpeningId == openingId && e.Status == QueueEntryStatus.Waiting && e.Sequence < sequence, cancellationToken) + 1;

    /// <summary>Read only once the turn came (not for everyone in line): the outcome of choices saved since the entry (re)joined.</summary>
    private static async Task<RankedChoiceSet?> RankedOutcomeAsync(BookingDbContext db, QueueEntry? entry, CancellationToken cancellationToken) =>
        entry is { Status: QueueEntryStatus.Admitted or QueueEntryStatus.Completed }
            ? await db.RankedChoices.AsNoTracking()
                .FirstOrDefaultAsync(c => c.QueueEntryId == entry.Id && c.Outcome != Domain.RankedOutcome.Waiting && c.SavedAtUtc >= entry.JoinedAtUtc, cancellationToken)
            : null;

    public Task<JoinResult> JoinAsync(int serviceId, string? customerId, string? clientAddress, CancellationToken cancellationToken = default) =>
        JoinAsync(serviceId, QueueMember.Customer(string.IsNullOrEmpty(customerId) ? null : customerId), clientAddress, cancellationToken);

    public async Task<JoinResult> JoinAsync(int serviceId, QueueMember member, string? clientAddress, CancellationToken cancellationToken = default)
    {
        if (!member.IsKnown)
        {
            return SignInFirst;
        }

        if (!limits.TryJoin(member.LimitKey, clientAddress))
        {
            return new(JoinOutcome.TooManyAttempts, null);
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (release, _, target) = await TargetAsync(db, serviceId, member.CustomerId, nowUtc, cancellationToken);
        if (target is null)
        {
            return new(JoinOutcome.NoRelease, null);
        }

        if (!member.IsSignedIn && release!.RequireAuthentication)
        {
            return SignInFirst;
        }

        if (await MustConfirmEmailFirstAsync(db, member, cancellationToken))
        {
            return new(JoinOutcome.ConfirmEmailFirst, null);
        }

        var existing = await db.QueueEntries.Where(e => e.OpeningId == target.Opening.Id).FirstOrDefaultAsync(member.Owns(), cancellationToken);
        // A turn that ran out is over whether or not a tick has marked it yet: "Join again" pressed at once rejoins.
        if (existing is { Status: QueueEntryStatus.Waiting } || (existing is { Status: QueueEntryStatus.Admitted } && existing.ExpiresAtUtc > nowUtc))
        {
            return new(JoinOutcome.AlreadyIn, existing);
        }

        return existing is not null
            ? await RejoinAsync(db, existing, target.Opening.Id, nowUtc, cancellationToken)
            : await AddEntryAsync(db, release!, target, member, clientAddress, nowUtc, cancellationToken);
    }

    /// <summary>A visitor may wait unconfirmed: admission skips their place until an account with a confirmed address holds it.</summary>
    private async Task<bool> MustConfirmEmailFirstAsync(BookingDbContext db, QueueMember member, CancellationToken cancellationToken) =>
        member.IsSignedIn && await BookingWrites.LacksConfirmedEmailAsync(db, accountRules, member.CustomerId!, cancellationToken);

    /// <summary>
    /// Back of the line: a new arrival time and no place until the next tick numbers it. The last admission's instant
    /// stays, so the per-minute rate still counts it; the cleared end of the window says it belongs to an earlier turn.
    /// </summary>
    private async Task<JoinResult> RejoinAsync(BookingDbContext db, QueueEntry existing, long openingId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var rejoined = await db.QueueEntries
            // Still theirs: an account's finished entry can give way to the place a visitor signed in with (VisitorPlaceClaim).
            .Where(e => e.Id == existing.Id && e.CustomerId == existing.CustomerId && e.VisitorKey == existing.VisitorKey)
            .Where(e => e.Status != QueueEntryStatus.Waiting && (e.Status != QueueEntryStatus.Admitted || e.ExpiresAtUtc <= nowUtc))
            .ExecuteUpdateAsync(e => e
                .SetProperty(x => x.Status, QueueEntryStatus.Waiting)
                .SetProperty(x => x.Sequence, (long?)null)
                .SetProperty(x => x.JoinedAtUtc, nowUtc)
                .SetProperty(x => x.CountsFromUtc, (DateTime?)null)
                .SetProperty(x => x.ExpiresAtUtc, (DateTime?)null)
                .SetProperty(x => x.FinishedAtUtc, (DateTime?)null), cancellationToken);
        changes.NotifyChanged(openingId);
        return new(rejoined == 1 ? JoinOutcome.Joined : JoinOutcome.AlreadyIn, await db.QueueEntries.AsNoTracking().SingleAsync(e => e.Id == existing.Id, cancellationToken));
    }

    private async Task<JoinResult> AddEntryAsync(
        BookingDbContext db, Release release, OpeningTarget target, QueueMember member, string? clientAddress, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var entry = new QueueEntry { OpeningId = target.Opening.Id, CustomerId = member.CustomerId, VisitorKey = member.VisitorKey, EarlyAccess = target.EarlyAccess, JoinedAtUtc = nowUtc, Status = QueueEntryStatus.Waiting };
        await proofs.PrepareAsync(db, entry, release, target.Opening, target.StartsForCustomerUtc, clientAddress, cancellationToken);
        try
        {
            db.QueueEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same customer joined from another tab at the same moment: theirs is the entry.
            db.ChangeTracker.Clear();
            return new(JoinOutcome.AlreadyIn, await db.QueueEntries.AsNoTracking().Where(e => e.OpeningId == target.Opening.Id).SingleAsync(member.Owns(), cancellationToken));
        }

        changes.NotifyChanged(target.Opening.Id);
        return new(JoinOutcome.Joined, entry);
    }

    public Task<bool> LeaveAsync(long entryId, string customerId, CancellationToken cancellationToken = default) =>
        LeaveAsync(entryId, QueueMember.Customer(customerId), cancellationToken);

    public async Task<bool> LeaveAsync(long entryId, QueueMember member, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var left = await db.QueueEntries.Where(member.Owns())
            .Where(e => e.Id == entryId && (e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Admitted))
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Left).SetProperty(x => x.FinishedAtUtc, nowUtc), cancellationToken);
        var openingId = await db.QueueEntries.Where(e => e.Id == entryId).Select(e => e.OpeningId).FirstOrDefaultAsync(cancellationToken);
        changes.NotifyChanged(openingId);
        return left == 1;
    }

    /// <summary>Whether this service's waiting room lets people wait before they sign in.</summary>
    public async Task<bool> AdmitsVisitorsAsync(int serviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Releases.AnyAsync(r => r.ServiceId == serviceId && !r.RequireAuthentication, cancellationToken);
    }

    /// <summary>
    /// After a visitor signs in, the places they hold in this browser become their account's, turn and all. Where the
    /// account's own place in the same opening is still in play, that one stands and the visitor's is given up, so
    /// one person never holds two places; an account's place that is over gives way (<see cref="VisitorPlaceClaim"/>).
    /// </summary>
    public async Task<int> ClaimVisitorPlacesAsync(string visitorKey, string customerId, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var places = await db.QueueEntries.AsNoTracking().Where(e => e.VisitorKey == visitorKey && e.CustomerId == null).ToListAsync(cancellationToken);
        var claimed = 0;
        foreach (var place in places)
        {
            claimed += await VisitorPlaceClaim.ClaimAsync(db, place, customerId, nowUtc, cancellationToken);
            changes.NotifyChanged(place.OpeningId);
        }

        return claimed;
    }

    /// <summary>The service's release, the service, and the opening this customer queues for (null without a release).</summary>
    private async Task<(Release? Release, Service? Service, OpeningTarget? Target)> TargetAsync(
        BookingDbContext db, int serviceId, string? customerId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.ServiceId == serviceId, cancellationToken);
        var service = await catalog.GetServiceAsync(serviceId, cancellationToken);
        return release is null || service is null
            ? (release, service, null)
            : (release, service, await ReleaseGate.TargetAsync(db, release, service, customerId, nowUtc, cancellationToken));
    }

    /// <summary>Seats still free in the service's booking window: what "remaining" means to a customer in line.</summary>
    public async Task<int> RemainingSeatsAsync(Service service, CancellationToken cancellationToken = default)
    {
        var (first, last) = BookingRules.BookableDates(service, time.GetUtcNow().UtcDateTime);
        var slots = await catalog.GetSlotsAsync(service, first, last, cancellationToken);
        return slots.Where(s => s.IsBookable).Sum(s => s.Remaining);
    }

    private static readonly JoinResult SignInFirst = new(JoinOutcome.SignInRequired, null);

    internal static QueueStage StageOf(QueueEntry? entry, OpeningTarget target, DateTime nowUtc, int? remaining) => entry?.Status switch
    {
        QueueEntryStatus.Admitted when entry.ExpiresAtUtc > nowUtc => QueueStage.Admitted,
        QueueEntryStatus.Admitted or QueueEntryStatus.Expired => QueueStage.Expired,
        QueueEntryStatus.Completed or QueueEntryStatus.Left => QueueStage.Finished,
        _ when nowUtc < target.StartsForCustomerUtc => QueueStage.NotOpenYet,
        // Someone in line keeps their place at 0 seats: in the opening minutes that means held for people paying, and held seats come back.
        _ when remaining == 0 && entry is null => QueueStage.SoldOut,
        _ => QueueStage.Waiting,
    };
}
