using BookingPortal.Features.Catalog;
using BookingPortal.Features.Questions;

namespace BookingPortal.Features.Queue.Components;

/// <summary>
/// The "rank up to five times" picker's state while a customer waits: the times on offer, the ranks chosen, the
/// answers, and the server's problem with each after a save. The server decides (<see cref="RankedChoiceBook"/>);
/// this holds the form and turns it into a request, so it is tested without a page.
/// </summary>
public sealed class RankedChoicesForm
{
    private readonly string[] selected = new string[RankedChoiceRules.MaxChoices];
    private IReadOnlyDictionary<int, RankedChoiceProblem> problems = new Dictionary<int, RankedChoiceProblem>();

    public IReadOnlyList<(string Value, string Label)> Options { get; private set; } = [];

    public QuestionAnswers Answers { get; } = new();

    /// <summary>The picker is open (its times and questions loaded).</summary>
    public bool IsOpen { get; private set; }

    /// <summary>The last save kept the choices; any change clears it.</summary>
    public bool Saved { get; private set; }

    /// <summary>The turn came (or the place went) before the save: the choices can no longer change.</summary>
    public bool TooLate { get; private set; }

    public static string ValueOf(DateTime startUtc) => DateTime.SpecifyKind(startUtc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Opens with the times on offer (labelled in the service's zone), the service's questions and what was saved before.</summary>
    public void Load(IEnumerable<SlotOccurrence> options, IReadOnlyList<BookingQuestion> questions, RankedChoiceSet? saved, CultureInfo culture)
    {
        Options = options.Select(s => (ValueOf(s.StartUtc), $"{DisplayFormat.ShortDate(s.LocalStart, culture)}, {DisplayFormat.Time(s.LocalStart, culture)}")).ToList();
        Answers.Load(questions);
        if (saved is not null)
        {
            var slots = saved.Slots;
            for (var rank = 0; rank < selected.Length; rank++)
            {
                selected[rank] = rank < slots.Count ? ValueOf(slots[rank]) : "";
            }

            Restore(questions, saved.AnswerValues);
            Saved = true;
        }

        IsOpen = true;
    }

    public string Choice(int rank) => selected[rank] ?? "";

    public void Choose(int rank, string? value)
    {
        selected[rank] = value ?? "";
        Saved = false;
        if (problems.ContainsKey(rank))
        {
            problems = problems.Where(p => p.Key != rank).ToDictionary();
        }
    }

    /// <summary>The chosen times, best first; ranks left empty are skipped.</summary>
    public List<DateTime> Choices() => selected.Where(v => !string.IsNullOrEmpty(v))
        .Select(v => DateTime.Parse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).ToList();

    /// <summary>The problem of the time chosen at this rank (ranks counted among the chosen ones, as the server counts them).</summary>
    public RankedChoiceProblem? ProblemAt(int rank)
    {
        var index = selected.Take(rank).Count(v => !string.IsNullOrEmpty(v));
        return !string.IsNullOrEmpty(selected[rank]) && problems.TryGetValue(index, out var problem) ? problem : null;
    }

    public void Show(RankedChoicesSaved result)
    {
        problems = result.ChoiceProblems;
        Answers.ShowProblems(result.AnswerProblems);
        Saved = result.Saved;
        TooLate = result.NotWaiting;
    }

    private void Restore(IReadOnlyList<BookingQuestion> questions, IReadOnlyDictionary<int, IReadOnlyList<string>> values)
    {
        foreach (var (id, given) in values)
        {
            if (questions.FirstOrDefault(q => q.Id == id)?.Kind == QuestionKind.MultipleChoice)
            {
                foreach (var option in given)
                {
                    Answers.SetChosen(id, option, true);
                }
            }
            else if (given.Count > 0)
            {
                Answers.SetText(id, given[0]);
            }
        }
    }
}
