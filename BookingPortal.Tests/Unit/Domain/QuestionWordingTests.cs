namespace BookingPortal.Tests.Unit.Domain;

public class QuestionWordingTests
{
    private static QuestionDraft Consent(string text) => new(QuestionKind.Consent, true, text, "", "", "", "", "");

    [Fact]
    public void Rewording_a_saved_question_raises_its_version_and_saving_the_same_wording_does_not()
    {
        var question = new BookingQuestion { Id = 7, TextEn = "" };
        QuestionWording.Apply(question, Consent("I accept the terms (2025)."));
        var firstVersion = question.Version;

        QuestionWording.Apply(question, Consent("I accept the terms (2025). ")).Should().BeFalse("trailing spaces are not a new text");
        QuestionWording.Apply(question, Consent("I accept the terms (2026).")).Should().BeTrue();

        question.Version.Should().Be(firstVersion + 1);
        question.TextEn.Should().Be("I accept the terms (2026).");
    }

    [Fact]
    public void A_changed_required_flag_alone_is_not_a_new_wording()
    {
        var question = new BookingQuestion { Id = 7, TextEn = "Referral?", Kind = QuestionKind.YesNo };

        QuestionWording.Apply(question, new QuestionDraft(QuestionKind.YesNo, true, "Referral?", "", "", "", "", "")).Should().BeFalse();

        (question.Required, question.Version).Should().Be((true, 1));
    }

    [Fact]
    public void The_draft_names_each_field_at_fault()
    {
        var draft = new QuestionDraft(QuestionKind.SingleChoice, false, " ", "", new string('h', BookingQuestion.MaxHelpLength + 1), "", "Only one", "Uno\nDos");

        QuestionWording.Problems(draft).Should().Equal(new Dictionary<string, WordingProblem>
        {
            ["TextEn"] = WordingProblem.TextMissing,
            ["HelpEn"] = WordingProblem.HelpTooLong,
            ["OptionsEn"] = WordingProblem.OptionsMissing,
            ["OptionsEs"] = WordingProblem.OptionsDiffer,
        });
    }

    [Fact]
    public void Spanish_wording_falls_back_to_english_where_staff_left_it_empty()
    {
        var question = new BookingQuestion { TextEn = "Pick one", OptionsEn = "Red\nBlue", TextEs = "Elija una" };

        (question.Text("es-ES"), question.Options("es")).Should().BeEquivalentTo(("Elija una", new[] { "Red", "Blue" }));
        question.Help("es").Should().BeEmpty();
    }
}
