namespace BookingPortal.Tests.Unit.Domain;

public class AnswerRulesTests
{
    private static BookingQuestion Question(QuestionKind kind, bool required = true, int id = 1) => new()
    {
        Id = id, Kind = kind, Required = required, TextEn = "Why do you come?", TextEs = "¿Por qué viene?",
        OptionsEn = kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice ? "Pain\nCheck-up\nReferral" : "",
        OptionsEs = kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice ? "Dolor\nRevisión\nDerivación" : "",
    };

    private static BookingQuestion Versioned(BookingQuestion question, int version)
    {
        question.Version = version;
        return question;
    }

    [Theory]
    [InlineData(QuestionKind.ShortText, "  Knee  ", "Knee")]
    [InlineData(QuestionKind.LongText, "line one\r\nline two", "line one\nline two")]
    [InlineData(QuestionKind.SingleChoice, "check-up", "Check-up")]
    [InlineData(QuestionKind.YesNo, "true", BookingAnswer.Yes)]
    [InlineData(QuestionKind.YesNo, "no", BookingAnswer.No)]
    [InlineData(QuestionKind.Date, "2026-03-09", "2026-03-09")]
    [InlineData(QuestionKind.Number, "-12.50", "-12.50")]
    [InlineData(QuestionKind.Consent, "yes", BookingAnswer.Yes)]
    public void A_valid_answer_is_kept_in_its_stored_form(QuestionKind kind, string given, string stored) =>
        AnswerRules.Check(Question(kind), [given], "en").Should().Be(new AnswerCheck(stored, null));

    [Theory]
    [InlineData(QuestionKind.SingleChoice, "Surgery", AnswerProblem.NotAnOption)]
    [InlineData(QuestionKind.YesNo, "maybe", AnswerProblem.NotYesOrNo)]
    [InlineData(QuestionKind.Date, "09/03/2026", AnswerProblem.NotADate)]
    [InlineData(QuestionKind.Date, "2026-02-30", AnswerProblem.NotADate)]
    [InlineData(QuestionKind.Number, "12,5", AnswerProblem.NotANumber)]
    [InlineData(QuestionKind.Number, "1e5", AnswerProblem.NotANumber)]
    [InlineData(QuestionKind.Consent, "no", AnswerProblem.ConsentRequired)]
    [InlineData(QuestionKind.ShortText, "   ", AnswerProblem.Required)]
    public void An_invalid_answer_names_its_problem(QuestionKind kind, string given, AnswerProblem problem) =>
        AnswerRules.Check(Question(kind), [given], "en").Problem.Should().Be(problem);

    [Fact]
    public void Text_longer_than_its_kind_allows_is_refused()
    {
        AnswerRules.Check(Question(QuestionKind.ShortText), [new string('a', AnswerRules.ShortTextMax + 1)], "en").Problem.Should().Be(AnswerProblem.TooLong);
        AnswerRules.Check(Question(QuestionKind.LongText), [new string('a', AnswerRules.ShortTextMax + 1)], "en").Problem.Should().BeNull();
        AnswerRules.Check(Question(QuestionKind.LongText), [new string('a', AnswerRules.LongTextMax + 1)], "en").Problem.Should().Be(AnswerProblem.TooLong);
    }

    [Fact]
    public void Choices_match_either_language_and_are_kept_as_offered_in_the_language_asked_in_their_order()
    {
        AnswerRules.Check(Question(QuestionKind.MultipleChoice), ["Referral", "dolor"], "es").Value.Should().Be("Dolor\nDerivación");
        AnswerRules.Check(Question(QuestionKind.MultipleChoice), ["Referral", "Pain", "Pain"], "en").Value.Should().Be("Pain\nReferral");
        AnswerRules.Check(Question(QuestionKind.SingleChoice), ["Pain", "Referral"], "en").Problem.Should().Be(AnswerProblem.OneChoiceOnly);
    }

    [Fact]
    public void An_optional_question_may_be_left_open_and_an_optional_consent_may_be_declined()
    {
        AnswerRules.Check(Question(QuestionKind.Date, required: false), [], "en").Should().Be(AnswerCheck.Missing);
        AnswerRules.Check(Question(QuestionKind.Consent, required: false), ["false"], "en").Value.Should().Be(BookingAnswer.No);
    }

    [Fact]
    public void Check_all_keeps_the_question_as_asked_and_keys_problems_by_question()
    {
        var questions = new[] { Question(QuestionKind.ShortText, id: 1), Versioned(Question(QuestionKind.Consent, id: 2), 3) };
        var given = new Dictionary<int, IReadOnlyList<string>> { [1] = ["Knee"], [2] = ["yes"], [9] = ["?"] };

        var (answers, problems) = AnswerRules.CheckAll(questions, given, "es", requiredMayBeOpen: false);

        problems.Should().Equal(new Dictionary<int, AnswerProblem> { [9] = AnswerProblem.UnknownQuestion });
        answers.Should().SatisfyRespectively(
            a => (a.QuestionText, a.Language, a.Value).Should().Be(("¿Por qué viene?", "es", "Knee")),
            a => (a.Kind, a.QuestionVersion, a.ValueOnOneLine).Should().Be((QuestionKind.Consent, 3, "yes (v3)")));
    }

    [Fact]
    public void Staff_may_leave_required_questions_open_but_not_give_wrong_answers()
    {
        var questions = new[] { Question(QuestionKind.Consent, id: 1), Question(QuestionKind.Number, id: 2) };
        var given = new Dictionary<int, IReadOnlyList<string>> { [2] = ["twelve"] };

        AnswerRules.CheckAll(questions, given, "en", requiredMayBeOpen: true).Problems.Should().Equal(new Dictionary<int, AnswerProblem> { [2] = AnswerProblem.NotANumber });
        AnswerRules.CheckAll(questions, given, "en", requiredMayBeOpen: false).Problems.Keys.Should().BeEquivalentTo([1, 2]);
    }
}
