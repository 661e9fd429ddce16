namespace BookingPortal.Features.Questions;

/// <summary>The answers' problems and values in the reader's language (AnswerRules.Describe stays the API's English).</summary>
public static class AnswerText
{
    public static string Problem(AnswerProblem problem, IStringLocalizer<QuestionsText> text) => problem switch
    {
        AnswerProblem.Required => text["Please answer this question."],
        AnswerProblem.TooLong => text["This answer is too long."],
        AnswerProblem.NotAnOption => text["Please choose one of the options offered."],
        AnswerProblem.OneChoiceOnly => text["Please give one answer only."],
        AnswerProblem.NotYesOrNo => text["Please answer yes or no."],
        AnswerProblem.NotADate => text["Please give a date."],
        AnswerProblem.NotANumber => text["Please give a number, such as 12 or 12.5."],
        AnswerProblem.ConsentRequired => text["Please accept this to book."],
        _ => text["This question is no longer asked. Please reload the page."],
    };

    public static string Value(BookingAnswer answer, IStringLocalizer<QuestionsText> text) => answer.Kind switch
    {
        QuestionKind.Consent => answer.Value == BookingAnswer.Yes ? text["Accepted (text version {0})", answer.QuestionVersion] : text["Not accepted"],
        QuestionKind.YesNo => answer.Value == BookingAnswer.Yes ? text["Yes"] : text["No"],
        _ => answer.ValueOnOneLine,
    };

    public static string Wording(WordingProblem problem, IStringLocalizer<QuestionsText> text) => problem switch
    {
        WordingProblem.TextMissing => text["Write the question in English."],
        WordingProblem.TextTooLong => text["Keep the question under {0} characters.", BookingQuestion.MaxTextLength],
        WordingProblem.HelpTooLong => text["Keep the help text under {0} characters.", BookingQuestion.MaxHelpLength],
        WordingProblem.OptionsMissing => text["Give at least two choices, one per line."],
        WordingProblem.OptionsTooLong => text["Keep the choices under {0} characters.", BookingQuestion.MaxOptionsLength],
        WordingProblem.TooManyQuestions => text["This service already asks {0} questions, the most it can; remove one to add another.", QuestionEditor.MaxQuestionsPerService],
        WordingProblem.QuestionGone => text["This question was removed meanwhile. Look at the list again."],
        WordingProblem.OptionsDiffer => text["Give the Spanish choices in the same number and order as the English ones, or none."],
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "A wording problem without words for it."),
    };

    public static string Kind(QuestionKind kind, IStringLocalizer<QuestionsText> text) => kind switch
    {
        QuestionKind.ShortText => text["Short text"],
        QuestionKind.LongText => text["Long text"],
        QuestionKind.SingleChoice => text["Single choice"],
        QuestionKind.MultipleChoice => text["Multiple choice"],
        QuestionKind.YesNo => text["Yes or no"],
        QuestionKind.Date => text["Date"],
        QuestionKind.Number => text["Number"],
        _ => text["Consent checkbox"],
    };
}
