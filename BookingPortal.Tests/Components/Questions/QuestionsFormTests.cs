using System.Globalization;
using BookingPortal.Features.Questions.Components;

namespace BookingPortal.Tests.Components.Questions;

public class QuestionsFormTests : BookingComponentsTestContext
{
    private static QuestionAnswers Loaded()
    {
        var answers = new QuestionAnswers();
        answers.Load(
        [
            new BookingQuestion { Id = 1, Kind = QuestionKind.ShortText, Required = true, TextEn = "Who referred you?", HelpEn = "A doctor's name" },
            new BookingQuestion { Id = 2, Kind = QuestionKind.SingleChoice, TextEn = "Reason", OptionsEn = "Pain\nCheck-up" },
            new BookingQuestion { Id = 3, Kind = QuestionKind.Consent, Required = true, TextEn = "I accept the terms", Version = 2 },
        ]);
        return answers;
    }

    [Fact]
    public void Each_question_is_shown_with_its_help_and_required_ones_are_marked()
    {
        var form = Render<QuestionsForm>(p => p.Add(x => x.Answers, Loaded()));

        form.Find("[data-testid=question-1]").TextContent.Should().Contain("Who referred you? *").And.Contain("A doctor's name");
        form.Find("[data-testid=question-2]").TextContent.Should().Contain("Pain").And.Contain("Check-up").And.NotContain("Reason *");
        form.Find("[data-testid=question-3]").TextContent.Should().Contain("I accept the terms *");
    }

    [Fact]
    public void The_servers_problem_with_an_answer_shows_beside_that_field_and_goes_when_the_answer_changes()
    {
        var answers = Loaded();
        answers.ShowProblems(new Dictionary<int, AnswerProblem> { [1] = AnswerProblem.Required, [3] = AnswerProblem.ConsentRequired });
        var form = Render<QuestionsForm>(p => p.Add(x => x.Answers, answers));

        form.Find("[data-testid=question-1]").TextContent.Should().Contain("Please answer this question.");
        form.Find("[data-testid=question-3]").TextContent.Should().Contain("Please accept this to book.");
        form.Find("[data-testid=question-2]").TextContent.Should().NotContain("Please");

        form.Find("[data-testid=question-1] input").Input("Dr. Ruiz");
        form.Find("[data-testid=question-3] input").Change(true);

        form.Find("[data-testid=question-1]").TextContent.Should().NotContain("Please answer this question.");
        answers.HasProblems.Should().BeFalse();
        answers.Given(CultureInfo.GetCultureInfo("en-US")).Values.Should().BeEquivalentTo(new Dictionary<int, IReadOnlyList<string>>
        {
            [1] = ["Dr. Ruiz"],
            [3] = [BookingAnswer.Yes],
        });
    }

    [Theory]
    [InlineData("es-ES", "3,5")]
    [InlineData("es-ES", "3.5")]
    [InlineData("en-US", "3.5")]
    [InlineData("en-US", "3,5")]
    public void A_number_is_read_the_way_the_customer_s_language_writes_it(string culture, string typed)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var answers = new QuestionAnswers();
            answers.Load([new BookingQuestion { Id = 4, Kind = QuestionKind.Number, TextEn = "Weight (kg)", TextEs = "Peso (kg)" }]);
            var form = Render<QuestionsForm>(p => p.Add(x => x.Answers, answers));

            form.Find("[data-testid=question-4] input").Change(typed);

            answers.Number(4).Should().Be(3.5m, $"\"{typed}\" is three and a half in {culture}, whichever mark the phone's keypad offered");
            form.Find("[data-testid=question-4] input").GetAttribute("value").Should().Be(3.5m.ToString(CultureInfo.CurrentCulture), "shown back as the language writes it");
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
