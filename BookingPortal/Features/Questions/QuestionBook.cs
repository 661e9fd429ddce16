namespace BookingPortal.Features.Questions;

/// <summary>Reads the services' questions and the answers bookings keep (as they were asked, whatever became of the questions since).</summary>
[SingletonService]
public sealed class QuestionBook(IDbContextFactory<BookingDbContext> dbFactory)
{
    public async Task<IReadOnlyList<BookingQuestion>> ForServiceAsync(int serviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BookingQuestions.AsNoTracking().Where(q => q.ServiceId == serviceId).OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(cancellationToken);
    }

    /// <summary>One booking's answers, in the order asked. The caller has already checked the reader may see the booking.</summary>
    public async Task<IReadOnlyList<BookingAnswer>> AnswersAsync(Guid bookingId, CancellationToken cancellationToken = default) =>
        (await AnswersAsync([bookingId], cancellationToken)).GetValueOrDefault(bookingId) ?? [];

    public async Task<Dictionary<Guid, List<BookingAnswer>>> AnswersAsync(IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await AnswersAsync(db, bookingIds, cancellationToken);
    }

    public static async Task<Dictionary<Guid, List<BookingAnswer>>> AnswersAsync(BookingDbContext db, IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken)
    {
        var answers = new List<BookingAnswer>();
        // Chunked: a page or an export may hold thousands of bookings, more than a statement takes parameters.
        foreach (var chunk in bookingIds.Distinct().Chunk(500))
        {
            answers.AddRange(await db.BookingAnswers.AsNoTracking().Where(a => chunk.Contains(a.BookingId)).ToListAsync(cancellationToken));
        }

        return answers.GroupBy(a => a.BookingId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Position).ThenBy(a => a.Id).ToList());
    }

    /// <summary>The answers on one line each ("Question: answer"), for lists and the CSV export.</summary>
    public static string OnOneLine(IEnumerable<BookingAnswer> answers) =>
        string.Join(" | ", answers.Select(a => $"{a.QuestionText}: {a.ValueOnOneLine}"));
}
