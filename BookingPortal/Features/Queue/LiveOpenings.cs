namespace BookingPortal.Features.Queue;

/// <summary>
/// The openings a tick can still move: a draw is due, a turn is running, a place waits for its number (or for a
/// proof its draw no longer needs), or a place waits that can be given a turn. A numbered place that cannot be given
/// one (a visitor who never signs in where confirmed addresses are required) no longer keeps its opening live: one such
/// place ticked its opening every 2 s, and sampled its seats every 10 s, for good. It counts again as soon as it can
/// move (the visitor signs in).
/// </summary>
[ScopedService]
public sealed class LiveOpenings(AccountRules accountRules)
{
    /// <param name="startedBy">Openings whose first phase (early access, or the doors) starts by then.</param>
    public IQueryable<ReleaseOpening> StartedBy(BookingDbContext db, DateTime startedBy)
    {
        var counted = db.QueueEntries.Where(e => e.Status == QueueEntryStatus.Waiting).Where(Counts);
        var turnable = Admissible(db, counted);
        return db.ReleaseOpenings.Where(o => o.EarlyOpensAtUtc <= startedBy
            && (db.QueueEntries.Any(e => e.OpeningId == o.Id && e.Status == QueueEntryStatus.Admitted)
                || turnable.Any(e => e.OpeningId == o.Id)
                || counted.Any(e => e.OpeningId == o.Id && e.Sequence == null)
                || UnprovedPastTheirDraw(db).Any(e => e.OpeningId == o.Id)
                || ((!o.EarlyDrawn || !o.PublicDrawn) && db.QueueEntries.Any(e => e.OpeningId == o.Id && e.Status == QueueEntryStatus.Waiting))));
    }

    /// <summary>
    /// A place counts (can be drawn or numbered) once its proof of work is done, its paced wait chosen, or its draw made
    /// without it: then it counts from the tick that saw it. That last keeps ProofPending, so the insights still count
    /// the challenge as unmet, and sets CountsFromUtc.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<QueueEntry, bool>> Counts = e => !e.ProofPending || e.CountsFromUtc != null;

    /// <summary>
    /// Places still waiting for a proof of work whose draw has been made: the proof only kept them out of the draw, and
    /// the page asks for it no longer, so the next tick counts them from then (AdmissionController).
    /// </summary>
    public static IQueryable<QueueEntry> UnprovedPastTheirDraw(BookingDbContext db) =>
        db.QueueEntries.Where(e => e.Status == QueueEntryStatus.Waiting && e.ProofPending && e.CountsFromUtc == null
            && db.ReleaseOpenings.Any(o => o.Id == e.OpeningId && (o.PublicDrawn || (e.EarlyAccess && o.EarlyDrawn))));

    /// <summary>
    /// Where confirmed addresses are required, a place counts once a confirmed account holds it: a visitor's
    /// (or an unconfirmed account's) keeps its number and is passed over until then, so cookies and
    /// scripted sign-ups take no turns from people.
    /// </summary>
    public IQueryable<QueueEntry> Admissible(BookingDbContext db, IQueryable<QueueEntry> entries) => Admissible(accountRules, db, entries);

    /// <inheritdoc cref="Admissible(BookingDbContext, IQueryable{QueueEntry})"/>
    /// <remarks>Also what a place in line counts (QueueService, QueueBroadcaster): only the places admission would take.</remarks>
    public static IQueryable<QueueEntry> Admissible(AccountRules accountRules, BookingDbContext db, IQueryable<QueueEntry> entries) =>
        accountRules.RequireConfirmedEmail
            ? entries.Where(e => e.CustomerId != null && db.Users.Any(u => u.Id == e.CustomerId && u.EmailConfirmed))
            : entries;
}
