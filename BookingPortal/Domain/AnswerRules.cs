namespace BookingPortal.Domain;

public enum AnswerProblem
{
    Required,
    TooLong,
    NotAnOption,
    OneChoiceOnly,
    NotYesOrNo,
    NotADate,
    NotANumber,
    ConsentRequired,
    UnknownQuestion,
}

/// <summary>What became of one answer: its stored form, or the problem to show beside the field.</summary>
public readonly record struct AnswerCheck(string? Value, AnswerProblem? Problem)
{
    public static AnswerCheck Missing => new(null, null);
}

/// <summary>The rules an answer meets, per kind of question. Pure: the raw values come as the customer gave them.</summary>
public static class AnswerRules
{
    public const int ShortTextMax = 200;
    public const int LongTextMax = 4000;

    private static readonly string[] YesWords = ["yes", "true", "sí", "si", "on"];
    private static readonly string[] NoWords = ["no", "false", "off"];

    /// <summary>
    /// Every question's answer, in the questions' order, and the problems keyed by question id (an answer to a
    /// question the service does not ask is one too). Staff booking for a customer may leave required questions open.
    /// </summary>
    public static (List<BookingAnswer> Answers, Dictionary<int, AnswerProblem> Problems) CheckAll(
        IReadOnlyList<BookingQuestion> questions, IReadOnlyDictionary<int, IReadOnlyList<string>> given, string language, bool requiredMayBeOpen)
    {
        var answers = new List<BookingAnswer>();
        var problems = given.Keys.Where(id => questions.All(q => q.Id != id)).ToDictionary(id => id, _ => AnswerProblem.UnknownQuestion);
        foreach (var question in questions.OrderBy(q => q.Position))
        {
            var check = Check(question, given.GetValueOrDefault(question.Id) ?? [], language);
            if (requiredMayBeOpen && check.Problem is AnswerProblem.Required or AnswerProblem.ConsentRequired)
            {
                continue;
            }

            if (check.Problem is { } problem)
            {
                problems[question.Id] = problem;
            }
            else if (check.Value is { } value)
            {
                answers.Add(Asked(question, language, value));
            }
        }

        return (answers, problems);
    }

    /// <summary>One answer: blank values count as none; a missing optional answer is <see cref="AnswerCheck.Missing"/>.</summary>
    public static AnswerCheck Check(BookingQuestion question, IReadOnlyList<string> raw, string language)
    {
        var values = raw.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (values.Count == 0)
        {
            return question.Required ? new(null, question.Kind == QuestionKind.Consent ? AnswerProblem.ConsentRequired : AnswerProblem.Required) : AnswerCheck.Missing;
        }

        if (values.Count > 1 && question.Kind != QuestionKind.MultipleChoice)
        {
            return new(null, AnswerProblem.OneChoiceOnly);
        }

        return question.Kind switch
        {
            QuestionKind.ShortText => Text(values[0], ShortTextMax),
            QuestionKind.LongText => Text(values[0].ReplaceLineEndings("\n"), LongTextMax),
            QuestionKind.SingleChoice or QuestionKind.MultipleChoice => Choices(question, values, language),
            QuestionKind.YesNo => YesNo(values[0]) is { } yes ? new(yes ? BookingAnswer.Yes : BookingAnswer.No, null) : new(null, AnswerProblem.NotYesOrNo),
            QuestionKind.Consent => Consent(question, values[0]),
            QuestionKind.Date => DateOnly.TryParseExact(values[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null) : new(null, AnswerProblem.NotADate),
            QuestionKind.Number => decimal.TryParse(values[0], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                ? new(number.ToString(CultureInfo.InvariantCulture), null) : new(null, AnswerProblem.NotANumber),
            _ => new(null, AnswerProblem.UnknownQuestion),
        };
    }

    public static bool? YesNo(string value) =>
        YesWords.Contains(value, StringComparer.OrdinalIgnoreCase) ? true : NoWords.Contains(value, StringComparer.OrdinalIgnoreCase) ? false : null;

    /// <summary>The answer as asked: the question's wording, choices and version travel with it.</summary>
    public static BookingAnswer Asked(BookingQuestion question, string language, string value) => new()
    {
        QuestionId = question.Id,
        Position = question.Position,
        Kind = question.Kind,
        QuestionVersion = question.Version,
        Language = BookingQuestion.IsSpanish(language) ? "es" : "en",
        QuestionText = question.Text(language),
        OptionsAsked = string.Join('\n', question.Options(language)),
        Value = value,
    };

    public static string Describe(AnswerProblem problem) => problem switch
    {
        AnswerProblem.Required => "Please answer this question.",
        AnswerProblem.TooLong => "This answer is too long.",
        AnswerProblem.NotAnOption => "Please choose one of the options offered.",
        AnswerProblem.OneChoiceOnly => "Please give one answer only.",
        AnswerProblem.NotYesOrNo => "Please answer yes or no.",
        AnswerProblem.NotADate => "Please give a date as yyyy-MM-dd.",
        AnswerProblem.NotANumber => "Please give a number, such as 12 or 12.5.",
        AnswerProblem.ConsentRequired => "Please accept this to book.",
        _ => "This service does not ask that question.",
    };

    private static AnswerCheck Text(string value, int max) => value.Length > max ? new(null, AnswerProblem.TooLong) : new(value, null);

    private static AnswerCheck Consent(BookingQuestion question, string value) => YesNo(value) switch
    {
        true => new(BookingAnswer.Yes, null),
        false when question.Required => new(null, AnswerProblem.ConsentRequired),
        false => new(BookingAnswer.No, null),
        null => new(null, AnswerProblem.NotYesOrNo),
    };

    /// <summary>Each value must be one of the choices in either language; it is kept as offered in the language asked.</summary>
    private static AnswerCheck Choices(BookingQuestion question, List<string> values, string language)
    {
        var asked = question.Options(language);
        var english = question.Options("en");
        var spanish = question.Options("es");
        var chosen = new SortedSet<int>();
        foreach (var value in values)
        {
            var index = IndexOf(asked, value) is var a and >= 0 ? a : IndexOf(english, value) is var e and >= 0 ? e : IndexOf(spanish, value);
            if (index < 0 || index >= asked.Count)
            {
                return new(null, AnswerProblem.NotAnOption);
            }

            chosen.Add(index);
        }

        return new(string.Join('\n', chosen.Select(i => asked[i])), null);
    }

    private static int IndexOf(IReadOnlyList<string> options, string value)
    {
        for (var i = 0; i < options.Count; i++)
        {
            if (string.Equals(options[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
