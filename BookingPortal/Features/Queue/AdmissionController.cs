namespace BookingPortal.Features.Queue;

/// <summary>
/// One tick of an opening's queue, in one transaction that first locks the opening's row (so
/// ticks on two instances take turns): draw the early arrivals, number later arrivals in order,
/// expire admissions whose window lapsed, then admit the lowest places while both the
/// concurrent limit and the per-minute rate allow.
/// </summary>
[ScopedService]
public sealed class AdmissionController(
    IDbContextFactory<BookingDbContext> dbFactory, QueueChangeNotifier changes, LiveOpenings liveOpenings, TurnMessages turnMessages, TimeProvider time,
    ILogger<AdmissionController> logger, IRankedAdmissions rankedAdmissions, Catalog.SlotChangeNotifier slotChanges)
{
    /// <summary>Ticks every opening that has started (for anyone) and that a tick can still move (<see cref="LiveOpenings"/>).</summary>
    public async Task<int> TickAllAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var live = await liveOpenings.StartedBy(db, nowUtc).Select(o => o.Id).ToListAsync(cancellationToken);
        var admitted = 0;
        foreach (var openingId in live)
        {
            // Booking ranked choices takes customers' rows after the entries' (IRankedAdmissions): a rare deadlock is run again.
            admitted += await ConflictRetry.RunAsync(() => TickAsync(openingId, cancellationToken), logger, cancellationToken);
        }

        return admitted;
    }

    /// <returns>How many entries this tick admitted.</returns>
    public async Task<int> TickAsync(long openingId, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ReleaseOpenings.Where(o => o.Id == openingId).ExecuteUpdateAsync(o => o.SetProperty(x => x.TickCount, x => x.TickCount + 1), cancellationToken);
        var opening = await db.ReleaseOpenings.SingleAsync(o => o.Id == openingId, cancellationToken);
        var release = await db.Releases.AsNoTracking().SingleAsync(r => r.Id == opening.ReleaseId, cancellationToken);

        await NumberAsync(db, opening, nowUtc, cancellationToken);
        var expired = await db.QueueEntries
            .Where(e => e.OpeningId == openingId && e.Status == QueueEntryStatus.Admitted && e.ExpiresAtUtc <= nowUtc)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Expired).SetProperty(x => x.FinishedAtUtc, nowUtc), cancellationToken);

        var admitted = await AdmitNextAsync(db, opening, release, nowUtc, cancellationToken);
        // Ranked choices are booked first: a customer booked at admission has no turn left to be told about.
        var bookedServices = admitted > 0 ? await rankedAdmissions.BookAdmittedAsync(db, openingId, nowUtc, cancellationToken) : [];
        if (admitted > 0)
        {
            await turnMessages.QueueForAdmittedAsync(db, opening, release, nowUtc, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var serviceId in bookedServices)
        {
            slotChanges.NotifyChanged(serviceId);
        }

        QueueMetrics.Ticked(openingId, admitted, expired);
        if (admitted > 0 || expired > 0)
        {
            logger.LogInformation("Opening {OpeningId}: admitted {Admitted}, expired {Expired}.", openingId, admitted, expired);
            changes.NotifyChanged(openingId);
        }

        return admitted;
    }

    /// <summary>Admits the lowest numbers waiting, no more than the release's rate and concurrent limit allow.</summary>
    private async Task<int> AdmitNextAsync(BookingDbContext db, ReleaseOpening opening, Release release, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var openingId = opening.Id;
        var minuteAgo = nowUtc.AddMinutes(-1);
        var admittedNow = await db.QueueEntries.CountAsync(e => e.OpeningId == openingId && e.Status == QueueEntryStatus.Admitted, cancellationToken);
        var lastMinute = await db.QueueEntries.CountAsync(e => e.OpeningId == openingId && e.AdmittedAtUtc > minuteAgo, cancellationToken);
        var allowed = QueueFairness.AdmissionsAllowed(release, admittedNow, lastMinute);
        if (allowed <= 0)
        {
            return 0;
        }

        var publicOpen = nowUtc >= opening.OpensAtUtc;
        var next = await liveOpenings.Admissible(db, db.QueueEntries)
            .Where(e => e.OpeningId == openingId && e.Status == QueueEntryStatus.Waiting && e.Sequence != null && (publicOpen || e.EarlyAccess))
            .OrderBy(e => e.Sequence)
            .Select(e => e.Id)
            .Take(allowed)
            .ToListAsync(cancellationToken);
        var until = nowUtc.AddSeconds(release.AdmissionWindowSeconds);
        return await db.QueueEntries.Where(e => next.Contains(e.Id) && e.Status == QueueEntryStatus.Waiting)
            .ExecuteUpdateAsync(e => e
                .SetProperty(x => x.Status, QueueEntryStatus.Admitted)
                .SetProperty(x => x.AdmittedAtUtc, nowUtc)
                .SetProperty(x => x.ExpiresAtUtc, until), cancellationToken);
    }

    /// <summary>
    /// Gives places to entries that have none: at each phase start (early access, then public) the
    /// arrivals before it are drawn in the seeded random order; anyone after is numbered by arrival. An entry
    /// counts from its proof of work (or paced wait) where the release asks for one; until then it is not drawn.
    /// A place that missed its draw (saved, or proved, a moment after it was made) is numbered as a later arrival.
    /// </summary>
    private static async Task NumberAsync(BookingDbContext db, ReleaseOpening opening, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await CountUnprovedAfterTheirDrawAsync(db, opening, nowUtc, cancellationToken);
        var unnumbered = (await db.QueueEntries.AsNoTracking()
            .Where(e => e.OpeningId == opening.Id && e.Sequence == null && e.Status == QueueEntryStatus.Waiting).Where(LiveOpenings.Counts)
            .Select(e => new { e.Id, e.EarlyAccess, JoinedAtUtc = e.CountsFromUtc ?? e.JoinedAtUtc })
            .ToListAsync(cancellationToken))
            .Where(e => e.JoinedAtUtc <= nowUtc).OrderBy(e => e.JoinedAtUtc).ThenBy(e => e.Id).ToList();
        var order = new List<long>();
        if (!opening.EarlyDrawn && nowUtc >= opening.EarlyOpensAtUtc)
        {
            var earlyBirds = unnumbered.Where(e => e.EarlyAccess && e.JoinedAtUtc < opening.EarlyOpensAtUtc).Select(e => e.Id).ToList();
            opening.EarlyDrawEntries = Codes(opening, earlyBirds);
            order.AddRange(QueueFairness.DrawOrder(earlyBirds, opening.Seed));
            opening.EarlyDrawn = true;
        }

        var publicOpen = nowUtc >= opening.OpensAtUtc;
        if (!opening.PublicDrawn && publicOpen)
        {
            var beforeOpening = unnumbered.Where(e => !order.Contains(e.Id) && e.JoinedAtUtc < opening.OpensAtUtc && !(e.EarlyAccess && e.JoinedAtUtc >= opening.EarlyOpensAtUtc)).Select(e => e.Id).ToList();
            opening.PublicDrawEntries = Codes(opening, beforeOpening);
            order.AddRange(QueueFairness.DrawOrder(beforeOpening, opening.Seed));
            opening.PublicDrawn = true;
        }

        var drawn = order.ToHashSet();

        // Later arrivals, first come first served: early-access ones once their draw is made, others once the doors' is.
        order.AddRange(unnumbered
            .Where(e => !order.Contains(e.Id) && ((e.EarlyAccess && opening.EarlyDrawn) || (publicOpen && opening.PublicDrawn)))
            .OrderBy(e => e.JoinedAtUtc).ThenBy(e => e.Id)
            .Select(e => e.Id));
        await AssignPlacesAsync(db, opening, order, drawn, cancellationToken);
    }

    /// <summary>
    /// Numbers the entries in <paramref name="order"/>. A place once drawn stays drawn: an entry that rejoined is numbered
    /// again at the back, but the published draw is rebuilt from these places and must still list it where the seed put it.
    /// </summary>
    private static async Task AssignPlacesAsync(BookingDbContext db, ReleaseOpening opening, List<long> order, HashSet<long> drawn, CancellationToken cancellationToken)
    {
        foreach (var id in order)
        {
            var sequence = ++opening.LastSequence;
            long? drawPlace = drawn.Contains(id) ? sequence : null;
            await db.QueueEntries.Where(e => e.Id == id && e.Sequence == null)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Sequence, sequence).SetProperty(x => x.DrawPlace, x => drawPlace ?? x.DrawPlace), cancellationToken);
        }
    }

    /// <summary>
    /// A proof asked for before the doors opened keeps a place out of the draw only: once the draw is made the page
    /// no longer asks for it, so a place still waiting for one (a phone asleep, a browser that could not do it)
    /// counts from now, as someone arriving now would, instead of waiting for a number for good.
    /// </summary>
    private static Task<int> CountUnprovedAfterTheirDrawAsync(BookingDbContext db, ReleaseOpening opening, DateTime nowUtc, CancellationToken cancellationToken) =>
        LiveOpenings.UnprovedPastTheirDraw(db).Where(e => e.OpeningId == opening.Id)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.ProofChallenge, (string?)null).SetProperty(x => x.CountsFromUtc, nowUtc), cancellationToken);

    /// <summary>The public codes of a draw's entries in the order they counted, kept for anyone to check the draw (<see cref="PublicDraw"/>).</summary>
    private static string Codes(ReleaseOpening opening, IEnumerable<long> idsInJoinOrder) =>
        PublicDraw.Join(idsInJoinOrder.Select(id => PublicDraw.EntryCode(opening.Seed, id)));
}
