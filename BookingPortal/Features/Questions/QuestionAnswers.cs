using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Questions;

/// <summary>
/// What the customer has typed and ticked in the booking summary, and the server's problem with each
/// answer after a refused booking. The server decides (<see cref="AnswerRules"/>); this only holds the form.
/// </summary>
public sealed class QuestionAnswers
{
    private readonly Dictionary<int, List<string>> values = [];
    private IReadOnlyDictionary<int, AnswerProblem> problems = new Dictionary<int, AnswerProblem>();

    public IReadOnlyList<BookingQuestion> Questions { get; private set; } = [];

    public void Load(IReadOnlyList<BookingQuestion> questions)
    {
        Questions = questions;
        foreach (var gone in values.Keys.Where(id => questions.All(q => q.Id != id)).ToList())
        {
            values.Remove(gone);
        }
    }

    public string Text(int questionId) => values.GetValueOrDefault(questionId) is [var first, ..] ? first : "";

    public void SetText(int questionId, string? text)
    {
        values[questionId] = [text ?? ""];
        Clear(questionId);
    }

    public DateTime? Date(int questionId) =>
        DateTime.TryParseExact(Text(questionId), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public void SetDate(int questionId, DateTime? date) => SetText(questionId, date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public decimal? Number(int questionId) => decimal.TryParse(Text(questionId), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The number in the customer's way of writing it ("3,5" in Spanish), or what they typed when it is none.</summary>
    public string NumberText(int questionId, CultureInfo culture) => Number(questionId) is { } number ? number.ToString(culture) : Text(questionId);

    /// <summary>Kept as the server reads it; what is no number is kept as typed, and the server says so beside the field.</summary>
    public void SetTypedNumber(int questionId, string? typed, CultureInfo culture) =>
        SetText(questionId, TypedNumber.Parse(typed, culture) is { } number ? number.ToString(CultureInfo.InvariantCulture) : typed);

    public bool IsTicked(int questionId) => Text(questionId) == BookingAnswer.Yes;

    public void SetTicked(int questionId, bool ticked) => SetText(questionId, ticked ? BookingAnswer.Yes : null);

    public bool IsChosen(int questionId, string option) => values.GetValueOrDefault(questionId)?.Contains(option) == true;

    public void SetChosen(int questionId, string option, bool chosen)
    {
        var list = values.TryGetValue(questionId, out var existing) ? existing : values[questionId] = [];
        list.Remove(option);
        if (chosen)
        {
            list.Add(option);
        }

        Clear(questionId);
    }

    public AnswerProblem? ProblemOf(int questionId) => problems.TryGetValue(questionId, out var problem) ? problem : null;

    public bool HasProblems => problems.Count > 0;

    public void ShowProblems(IReadOnlyDictionary<int, AnswerProblem>? found) => problems = found ?? new Dictionary<int, AnswerProblem>();

    /// <summary>The answers for the booking request, in the language the questions were shown in.</summary>
    public AnswersGiven Given(CultureInfo culture) =>
        new(values.Where(v => Questions.Any(q => q.Id == v.Key)).ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Value.ToList()),
            BookingQuestion.IsSpanish(culture.Name) ? "es" : "en");

    private void Clear(int questionId)
    {
        if (problems.ContainsKey(questionId))
        {
            problems = problems.Where(p => p.Key != questionId).ToDictionary();
        }
    }
}
