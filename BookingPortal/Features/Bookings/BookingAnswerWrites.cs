namespace BookingPortal.Features.Bookings;

/// <summary>
/// The answers a booking request brings: the raw values keyed by question id (several for a multiple
/// choice), in the language the questions were shown in ("en" or "es").
/// </summary>
public sealed record AnswersGiven(IReadOnlyDictionary<int, IReadOnlyList<string>> Values, string Language)
{
    public static readonly AnswersGiven None = new(new Dictionary<int, IReadOnlyList<string>>(), "en");
}

/// <summary>
/// The booking questions' part of every booking-creating transaction: the service's questions read in
/// it, the answers checked against them (<see cref="AnswerRules"/>) and inserted with the booking.
/// </summary>
internal static class BookingAnswerWrites
{
    /// <summary>The current questions of these services, in order.</summary>
    public static async Task<ILookup<int, BookingQuestion>> QuestionsAsync(BookingDbContext db, IReadOnlyCollection<int> serviceIds, CancellationToken cancellationToken) =>
        (await db.BookingQuestions.AsNoTracking().Where(q => serviceIds.Contains(q.ServiceId)).OrderBy(q => q.Position).ThenBy(q => q.Id)
            .ToListAsync(cancellationToken)).ToLookup(q => q.ServiceId);

    /// <summary>The answers to store, or the problems keyed by question id. Staff booking for a customer may leave required questions open.</summary>
    public static (List<BookingAnswer> Answers, Dictionary<int, AnswerProblem> Problems) Check(
        IEnumerable<BookingQuestion> questions, ReserveRequest request) =>
        AnswerRules.CheckAll(questions.ToList(), (request.Answers ?? AnswersGiven.None).Values, (request.Answers ?? AnswersGiven.None).Language,
            requiredMayBeOpen: request.ActingStaffId is not null);

    /// <summary>Adds the answers to the booking's own transaction.</summary>
    public static void Add(BookingDbContext db, Domain.Booking booking, IReadOnlyList<BookingAnswer> answers)
    {
        foreach (var answer in answers)
        {
            answer.BookingId = booking.Id;
        }

        db.BookingAnswers.AddRange(answers);
    }
}
