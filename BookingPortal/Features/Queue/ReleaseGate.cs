namespace BookingPortal.Features.Queue;

/// <summary>
/// Which opening a customer queues for. Before a release's first opening, and from an hour
/// before each later one (<see cref="LobbyOpensBefore"/>), arrivals join the coming opening and
/// get a random place when it opens; otherwise they join the current one, first come first served.
/// </summary>
public static class ReleaseGate
{
    public static readonly TimeSpan LobbyOpensBefore = TimeSpan.FromHours(1);

    internal static async Task<OpeningTarget?> TargetAsync(BookingDbContext db, Release release, Service service, string? customerId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var zone = service.TimeZone;
        var early = customerId is not null && release.EarlyAccessAudienceId is { } audienceId
                    && await db.AudienceMembers.AnyAsync(m => m.AudienceId == audienceId && m.UserId == customerId, cancellationToken);
        var lead = early ? release.EarlyAccess : TimeSpan.Zero;
        if (await OpeningToJoinAsync(db, release, zone, nowUtc, cancellationToken) is not { } opensAt)
        {
            return null;
        }

        var opening = await EnsureOpeningAsync(db, release, opensAt, cancellationToken);
        return new OpeningTarget(opening, early, opensAt - lead);
    }

    /// <summary>
    /// The opening arrivals join now (the one the queue monitor watches). Between openings that is the last one, first
    /// come first served; but where people already wait for one ahead (a postponed opening keeps its row), newcomers
    /// join that line, not a past opening drawn at once. The lookup runs only on that path, never in an opening minute.
    /// </summary>
    internal static async Task<DateTime?> OpeningToJoinAsync(BookingDbContext db, Release release, TimeZoneInfo zone, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var opensAt = OpeningToJoin(release, zone, nowUtc);
        return opensAt is { } at && at <= nowUtc
               && await db.ReleaseOpenings.Where(o => o.ReleaseId == release.Id && !o.PublicDrawn && o.OpensAtUtc > nowUtc)
                   .OrderBy(o => o.OpensAtUtc).Select(o => (DateTime?)o.OpensAtUtc).FirstOrDefaultAsync(cancellationToken) is { } waitedFor
            ? waitedFor
            : opensAt;
    }

    /// <summary>By the schedule alone: the current opening, until the lobby of the next opens.</summary>
    private static DateTime? OpeningToJoin(Release release, TimeZoneInfo zone, DateTime nowUtc)
    {
        var current = ReleaseSchedule.CurrentOpening(release, zone, nowUtc);
        var next = ReleaseSchedule.NextOpening(release, zone, current ?? nowUtc.AddDays(-8));
        return current is { } c && (next is not { } n || nowUtc < n - release.EarlyAccess - LobbyOpensBefore) ? c : next ?? current;
    }

    /// <summary>Creates the opening row on first need; a concurrent creator's row wins the unique index.</summary>
    internal static async Task<ReleaseOpening> EnsureOpeningAsync(BookingDbContext db, Release release, DateTime opensAtUtc, CancellationToken cancellationToken)
    {
        var existing = await db.ReleaseOpenings.AsNoTracking().FirstOrDefaultAsync(o => o.ReleaseId == release.Id && o.OpensAtUtc == opensAtUtc, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var opening = new ReleaseOpening { ReleaseId = release.Id, OpensAtUtc = opensAtUtc, EarlyOpensAtUtc = opensAtUtc - release.EarlyAccess, Seed = QueueFairness.NewSeed() };
        try
        {
            db.ReleaseOpenings.Add(opening);
            await db.SaveChangesAsync(cancellationToken);
            return opening;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.ReleaseOpenings.AsNoTracking().SingleAsync(o => o.ReleaseId == release.Id && o.OpensAtUtc == opensAtUtc, cancellationToken);
        }
    }

    /// <summary>
    /// Staff changed a release's schedule (or its early window) while people already wait for an opening whose doors
    /// have not opened: the opening follows the schedule as saved, so nobody is drawn or let in at the old time. Those
    /// waiting keep their entries, and the opening keeps its seed and so the commitment published for it. An early
    /// window already open stays open; only the doors move.
    /// </summary>
    /// <returns>The opening people wait for that the new schedule would put in the past (drawn at once, unannounced), if any: the change is refused.</returns>
    internal static async Task<DateTime?> FollowScheduleAsync(BookingDbContext db, Release release, TimeZoneInfo zone, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var ahead = await db.ReleaseOpenings.Where(o => o.ReleaseId == release.Id && !o.PublicDrawn && o.OpensAtUtc > nowUtc)
            .OrderBy(o => o.OpensAtUtc).ToListAsync(cancellationToken);
        var taken = await db.ReleaseOpenings.Where(o => o.ReleaseId == release.Id).Select(o => o.OpensAtUtc).ToListAsync(cancellationToken);
        foreach (var opening in ahead)
        {
            var stillScheduled = ReleaseSchedule.NextOpening(release, zone, opening.OpensAtUtc.AddTicks(-1)) == opening.OpensAtUtc;
            if (!stillScheduled && NearestOpening(release, zone, opening.OpensAtUtc) is { } moved && !taken.Contains(moved))
            {
                if (moved <= nowUtc && await db.QueueEntries.AnyAsync(e => e.OpeningId == opening.Id && e.Status == QueueEntryStatus.Waiting, cancellationToken))
                {
                    return opening.OpensAtUtc;
                }

                taken.Add(moved);
                opening.OpensAtUtc = moved;
            }

            opening.EarlyOpensAtUtc = opening.EarlyDrawn ? opening.EarlyOpensAtUtc : opening.OpensAtUtc - release.EarlyAccess;
        }

        return null;
    }

    /// <summary>Where a schedule puts the opening nearest an instant: 09:00 moved to 10:00 is that day's 10:00, not last week's.</summary>
    private static DateTime? NearestOpening(Release release, TimeZoneInfo zone, DateTime toUtc)
    {
        if (!release.IsRecurring)
        {
            return release.OpensAtUtc;
        }

        DateTime? before = null;
        var after = ReleaseSchedule.NextOpening(release, zone, toUtc.AddDays(-8));
        while (after is { } earlier && earlier < toUtc)
        {
            (before, after) = (earlier, ReleaseSchedule.NextOpening(release, zone, earlier));
        }

        return before is { } b && (after is not { } a || toUtc - b < a - toUtc) ? b : after;
    }

    /// <summary>
    /// Inside a booking transaction: a service with a release is booked only on a current admitted
    /// entry, which the booking then uses up (so one admission makes one booking).
    /// </summary>
    public static async Task<BookingError?> ConsumeAdmissionAsync(BookingDbContext db, int serviceId, string customerId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.ServiceId == serviceId, cancellationToken);
        if (release is null)
        {
            return null;
        }

        var turns = await AdmittedTurnsAsync(db, [customerId], [release.Id], nowUtc, cancellationToken);
        return turns.TryGetValue((customerId, release.Id), out var entryId) && (await UseTurnsAsync(db, [entryId], nowUtc, cancellationToken)).Count == 1
            ? null
            : BookingError.NotAdmitted;
    }

    /// <summary>Each customer's admitted, unexpired queue entry for each of these releases, by customer and release.</summary>
    internal static async Task<Dictionary<(string CustomerId, int ReleaseId), long>> AdmittedTurnsAsync(
        BookingDbContext db, IReadOnlyCollection<string> customerIds, IReadOnlyCollection<int> releaseIds, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // Anonymous visitors queue too (their entries have no customer); only customers book.
        var customers = customerIds.Select(c => (string?)c).ToList();
        var entries = await db.QueueEntries
            .Where(e => customers.Contains(e.CustomerId) && e.Status == QueueEntryStatus.Admitted && e.ExpiresAtUtc > nowUtc)
            .Join(db.ReleaseOpenings.Where(o => releaseIds.Contains(o.ReleaseId)), e => e.OpeningId, o => o.Id, (e, o) => new { e.Id, e.CustomerId, o.ReleaseId })
            .ToListAsync(cancellationToken);
        return entries.GroupBy(e => (e.CustomerId!, e.ReleaseId)).ToDictionary(g => g.Key, g => g.First().Id);
    }

    /// <summary>
    /// Uses up these turns, each only while it is still admitted and unexpired (the admission job may
    /// have expired it since it was read); returns the entries this update completed. When some but
    /// not all were, the caller must hold the customers' gates, so that no other booking of theirs
    /// completed one meanwhile.
    /// </summary>
    internal static async Task<IReadOnlySet<long>> UseTurnsAsync(BookingDbContext db, IReadOnlyCollection<long> entryIds, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var used = await db.QueueEntries.Where(e => entryIds.Contains(e.Id) && e.Status == QueueEntryStatus.Admitted && e.ExpiresAtUtc > nowUtc)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Completed).SetProperty(x => x.FinishedAtUtc, nowUtc), cancellationToken);
        return used == entryIds.Count ? entryIds.ToHashSet()
            : used == 0 ? new HashSet<long>()
            : (await db.QueueEntries.Where(e => entryIds.Contains(e.Id) && e.Status == QueueEntryStatus.Completed).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>Gives back turns used in this transaction by bookings that then found no seat, as a rollback would.</summary>
    internal static async Task GiveBackTurnsAsync(BookingDbContext db, IReadOnlyCollection<long> entryIds, CancellationToken cancellationToken)
    {
        if (entryIds.Count > 0)
        {
            await db.QueueEntries.Where(e => entryIds.Contains(e.Id))
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Admitted).SetProperty(x => x.FinishedAtUtc, (DateTime?)null), cancellationToken);
        }
    }
}
