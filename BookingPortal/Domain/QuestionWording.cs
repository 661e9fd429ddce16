namespace BookingPortal.Domain;

public enum WordingProblem
{
    TextMissing,
    TextTooLong,
    HelpTooLong,
    OptionsMissing,
    OptionsTooLong,
    OptionsDiffer,

    /// <summary>The service already has as many questions as one booking summary should ask.</summary>
    TooManyQuestions,

    /// <summary>The question (or its service) was removed meanwhile, by a colleague or in another tab.</summary>
    QuestionGone,
}

/// <summary>A question's wording as staff typed it in the editor.</summary>
public sealed record QuestionDraft(
    QuestionKind Kind, bool Required, string TextEn, string TextEs, string HelpEn, string HelpEs, string OptionsEn, string OptionsEs);

/// <summary>
/// Checks staff's wording and applies it to a question. Any change of wording raises the version, so an
/// answer (a consent above all) says which text the customer saw; answers stored earlier keep their own copy.
/// </summary>
public static class QuestionWording
{
    /// <summary>The problems keyed by the draft's field name ("TextEn", "OptionsEs"...), empty when it may be saved.</summary>
    public static Dictionary<string, WordingProblem> Problems(QuestionDraft draft)
    {
        var problems = new Dictionary<string, WordingProblem>(StringComparer.Ordinal);
        if (draft.TextEn.Trim().Length == 0)
        {
            problems[nameof(draft.TextEn)] = WordingProblem.TextMissing;
        }

        foreach (var (field, text) in new[] { (nameof(draft.TextEn), draft.TextEn), (nameof(draft.TextEs), draft.TextEs) }.Where(t => t.Item2.Length > BookingQuestion.MaxTextLength))
        {
            problems[field] = WordingProblem.TextTooLong;
        }

        foreach (var (field, help) in new[] { (nameof(draft.HelpEn), draft.HelpEn), (nameof(draft.HelpEs), draft.HelpEs) }.Where(t => t.Item2.Length > BookingQuestion.MaxHelpLength))
        {
            problems[field] = WordingProblem.HelpTooLong;
        }

        if (draft.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice)
        {
            CheckOptions(draft, problems);
        }

        return problems;
    }

    /// <summary>Applies a draft that has no <see cref="Problems"/>; returns whether the wording changed (and the version with it).</summary>
    public static bool Apply(BookingQuestion question, QuestionDraft draft)
    {
        var options = draft.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
        var (optionsEn, optionsEs) = options ? (Lines(draft.OptionsEn), Lines(draft.OptionsEs)) : ("", "");
        var changed = question.Kind != draft.Kind || question.TextEn != draft.TextEn.Trim() || question.TextEs != draft.TextEs.Trim()
            || question.HelpEn != draft.HelpEn.Trim() || question.HelpEs != draft.HelpEs.Trim()
            || question.OptionsEn != optionsEn || question.OptionsEs != optionsEs;
        (question.Kind, question.Required) = (draft.Kind, draft.Required);
        (question.TextEn, question.TextEs, question.HelpEn, question.HelpEs) = (draft.TextEn.Trim(), draft.TextEs.Trim(), draft.HelpEn.Trim(), draft.HelpEs.Trim());
        (question.OptionsEn, question.OptionsEs) = (optionsEn, optionsEs);
        if (changed && question.Id != 0)
        {
            question.Version++;
        }

        return changed;
    }

    private static void CheckOptions(QuestionDraft draft, Dictionary<string, WordingProblem> problems)
    {
        var english = BookingQuestion.SplitOptions(draft.OptionsEn);
        var spanish = BookingQuestion.SplitOptions(draft.OptionsEs);
        if (english.Count < 2)
        {
            problems[nameof(draft.OptionsEn)] = WordingProblem.OptionsMissing;
        }
        else if (draft.OptionsEn.Length > BookingQuestion.MaxOptionsLength)
        {
            problems[nameof(draft.OptionsEn)] = WordingProblem.OptionsTooLong;
        }

        if (draft.OptionsEs.Length > BookingQuestion.MaxOptionsLength)
        {
            problems[nameof(draft.OptionsEs)] = WordingProblem.OptionsTooLong;
        }
        else if (spanish.Count > 0 && spanish.Count != english.Count)
        {
            problems[nameof(draft.OptionsEs)] = WordingProblem.OptionsDiffer;
        }
    }

    private static string Lines(string text) => string.Join('\n', BookingQuestion.SplitOptions(text));
}
