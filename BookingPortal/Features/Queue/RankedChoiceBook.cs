using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Queue;

/// <summary>How saving ranked choices ended: saved, or the problems to show beside each choice (by rank) and each answer.</summary>
public sealed record RankedChoicesSaved(
    bool Saved, IReadOnlyDictionary<int, RankedChoiceProblem> ChoiceProblems, IReadOnlyDictionary<int, AnswerProblem> AnswerProblems, bool NotWaiting = false)
{
    public static RankedChoicesSaved Refused(bool notWaiting) => new(false, new Dictionary<int, RankedChoiceProblem>(), new Dictionary<int, AnswerProblem>(), notWaiting);
}

/// <summary>
/// A waiting customer's ranked times and answers: the times they may rank (the release's, to come), what they saved,
/// and saving, checked on the server (<see cref="RankedChoiceRules"/>, <see cref="AnswerRules"/>). Admission books them
/// (<see cref="IRankedAdmissions"/>).
/// </summary>
[SingletonService]
public sealed class RankedChoiceBook(IDbContextFactory<BookingDbContext> dbFactory, CatalogService catalog, SlotInventoryStore inventory, TimeProvider time)
{
    /// <summary>A long release offers many times; the picker lists the first of them.</summary>
    public const int MaxOptions = 200;

    /// <summary>The times of the service's release still to come within its booking window, in order.</summary>
    public async Task<IReadOnlyList<SlotOccurrence>> OptionsAsync(int serviceId, CancellationToken cancellationToken = default)
    {
        var (service, dates) = await ServiceAndDatesAsync(serviceId, cancellationToken);
        if (service is null)
        {
            return [];
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var (first, last) = BookingRules.BookableDates(service, nowUtc);
        return SlotSchedule.ForRange(service, first, last).Where(s => s.StartUtc > nowUtc && dates.Contains(s)).Take(MaxOptions).ToList();
    }

    /// <summary>The choices this customer saved for their entry, or null.</summary>
    public async Task<RankedChoiceSet?> SavedAsync(long entryId, string customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RankedChoices.AsNoTracking()
            .Where(c => c.QueueEntryId == entryId && db.QueueEntries.Any(e => e.Id == entryId && e.CustomerId == customerId))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Keeps the times (best first; none clears them) and the answers while the customer still waits. The slots' seat
    /// counters are made now, so the admission's transaction finds them all and needs no other connection.
    /// </summary>
    public async Task<RankedChoicesSaved> SaveAsync(long entryId, string customerId, IReadOnlyList<DateTime> choices, AnswersGiven answers, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var serviceId = await db.QueueEntries.Where(e => e.Id == entryId && e.CustomerId == customerId && e.Status == QueueEntryStatus.Waiting)
            .Join(db.ReleaseOpenings, e => e.OpeningId, o => o.Id, (e, o) => o.ReleaseId).Join(db.Releases, id => id, r => r.Id, (id, r) => (int?)r.ServiceId)
            .FirstOrDefaultAsync(cancellationToken);
        var (service, dates) = serviceId is { } id ? await ServiceAndDatesAsync(id, cancellationToken) : (null, default);
        if (service is null)
        {
            return RankedChoicesSaved.Refused(notWaiting: true);
        }

        var choiceProblems = RankedChoiceRules.Check(service, dates, choices, nowUtc);
        var questions = (await BookingAnswerWrites.QuestionsAsync(db, [service.Id], cancellationToken))[service.Id].ToList();
        var answerProblems = choices.Count == 0 ? [] : AnswerRules.CheckAll(questions, answers.Values, answers.Language, requiredMayBeOpen: false).Problems;
        if (choiceProblems.Count > 0 || answerProblems.Count > 0)
        {
            return new RankedChoicesSaved(false, choiceProblems, answerProblems);
        }

        if (choices.Count > 0)
        {
            await inventory.EnsureCountersAsync(choices.Select(c => (service.Id, SlotSchedule.Find(service, DateTime.SpecifyKind(c, DateTimeKind.Utc))!)).ToList(), cancellationToken);
        }

        return await ReplaceAsync(db, entryId, choices, answers, nowUtc, cancellationToken)
            ? new RankedChoicesSaved(true, new Dictionary<int, RankedChoiceProblem>(), new Dictionary<int, AnswerProblem>())
            : RankedChoicesSaved.Refused(notWaiting: true);
    }

    /// <summary>
    /// The choices are replaced whole, unless an admission used them meanwhile (an outcome of an earlier turn goes: the
    /// entry waits again). Two tabs saving at once leave one of them.
    /// </summary>
    /// <returns>False when the entry's turn came meanwhile (and used the choices it had, if any).</returns>
    private static async Task<bool> ReplaceAsync(
        BookingDbContext db, long entryId, IReadOnlyList<DateTime> choices, AnswersGiven answers, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await HoldWaitingAsync(db, entryId, cancellationToken))
        {
            return false;
        }

        await db.RankedChoices.Where(c => c.QueueEntryId == entryId
                                          && (c.Outcome == RankedOutcome.Waiting || db.QueueEntries.Any(e => e.Id == entryId && e.Status == QueueEntryStatus.Waiting)))
            .ExecuteDeleteAsync(cancellationToken);
        if (choices.Count > 0)
        {
            db.RankedChoices.Add(new RankedChoiceSet
            {
                QueueEntryId = entryId, Choices = RankedChoiceSet.Format(choices), Answers = RankedChoiceSet.FormatAnswers(answers.Values),
                AnswersLanguage = answers.Language, SavedAtUtc = nowUtc,
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            if (await AfterKeyTakenAsync(db, entryId) is { } saved)
            {
                return saved;
            }

            throw;
        }
    }

    /// <summary>
    /// The key was taken meanwhile: by the admission that used the entry's choices (not saved), or by another tab's save,
    /// whose choices stand (saved). Anything else (null) is a real failure and must not read as saved.
    /// </summary>
    private static async Task<bool?> AfterKeyTakenAsync(BookingDbContext db, long entryId)
    {
        db.ChangeTracker.Clear();
        return await NoLongerWaitingAsync(db, entryId) ? false
            : await db.RankedChoices.AnyAsync(c => c.QueueEntryId == entryId, CancellationToken.None) ? true : null;
    }

    /// <summary>
    /// Still waiting, and held so until the transaction commits (the entry first, as the admission locks it). A turn that
    /// came after the save's first check found no choices; saved now, they would wait for a later turn and book it unasked.
    /// </summary>
    private static async Task<bool> HoldWaitingAsync(BookingDbContext db, long entryId, CancellationToken cancellationToken) =>
        await db.QueueEntries.Where(e => e.Id == entryId && e.Status == QueueEntryStatus.Waiting)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Waiting), cancellationToken) == 1;

    private static async Task<bool> NoLongerWaitingAsync(BookingDbContext db, long entryId) =>
        !await db.QueueEntries.AnyAsync(e => e.Id == entryId && e.Status == QueueEntryStatus.Waiting, CancellationToken.None);

    private async Task<(Service? Service, SlotDateRange Dates)> ServiceAndDatesAsync(int serviceId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.ServiceId == serviceId, cancellationToken);
        return release is null ? (null, default) : (await catalog.GetServiceAsync(serviceId, cancellationToken), release.SlotDates);
    }
}
