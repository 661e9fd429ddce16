namespace BookingPortal.Features.Queue;

/// <summary>
/// One visitor's place handed to the account they signed in to. The account may hold one entry per opening (a unique
/// index), and may already have one there from earlier: booked, left, or a turn that lapsed. Only an entry still in
/// play (waiting, or a turn still running) wins over the visitor's place; one that is over steps aside instead.
/// </summary>
internal static class VisitorPlaceClaim
{
    /// <summary>
    /// The finished entry is given up by the account rather than the visitor's place copied onto it: the draw's published
    /// codes, the turn link and ranked choices all name an entry by its id, so the place keeps its row. The finished row
    /// keeps its status and instants (the admission rate still counts it) under a key no browser's cookie can hold.
    /// </summary>
    /// <returns>1 if the place became the account's, 0 if the account's own place stands and the visitor's was given up.</returns>
    public static async Task<int> ClaimAsync(BookingDbContext db, QueueEntry place, string customerId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var own = await db.QueueEntries.Where(e => e.OpeningId == place.OpeningId && e.CustomerId == customerId)
                .Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
            // Conditional on the state read: a rejoin of the account's entry meanwhile keeps it in play, and it stands.
            // A visitor's place that is over itself is no reason to move the account's.
            var placeInPlay = place.Status == QueueEntryStatus.Waiting || (place.Status == QueueEntryStatus.Admitted && place.ExpiresAtUtc > nowUtc);
            var ownStepsAside = own is not { } ownId || (placeInPlay && await db.QueueEntries
                .Where(e => e.Id == ownId && e.CustomerId == customerId
                            && e.Status != QueueEntryStatus.Waiting && (e.Status != QueueEntryStatus.Admitted || e.ExpiresAtUtc <= nowUtc))
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.CustomerId, (string?)null).SetProperty(x => x.VisitorKey, FinishedKey(ownId)), cancellationToken) == 1);
            var claimed = ownStepsAside
                ? await db.QueueEntries.Where(e => e.Id == place.Id && e.CustomerId == null)
                    .ExecuteUpdateAsync(e => e.SetProperty(x => x.CustomerId, customerId).SetProperty(x => x.VisitorKey, (string?)null), cancellationToken)
                : 0;
            if (ownStepsAside && claimed == 1)
            {
                await transaction.CommitAsync(cancellationToken);
                return 1;
            }

            await transaction.RollbackAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // The account joined the same opening in another tab meanwhile (the unique index says so): that place stands.
        }

        await GiveUpAsync(db, place, nowUtc, cancellationToken);
        return 0;
    }

    /// <summary>One person never holds two places: the visitor's goes when the account's stands.</summary>
    private static Task<int> GiveUpAsync(BookingDbContext db, QueueEntry place, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.QueueEntries.Where(e => e.Id == place.Id && e.CustomerId == null
                                   && (e.Status == QueueEntryStatus.Waiting || e.Status == QueueEntryStatus.Admitted))
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Left).SetProperty(x => x.FinishedAtUtc, nowUtc), cancellationToken);

    /// <summary>Not 32 lowercase hex digits, so no visitor cookie (<see cref="QueueVisitors"/>) can claim or join as it.</summary>
    internal static string FinishedKey(long entryId) => FormattableString.Invariant($"finished-entry-{entryId}");
}
