using System.Globalization;
using BookingPortal.Features.Queue.Components;

namespace BookingPortal.Tests.Unit.Features.Queue;

public class RankedChoicesFormTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly DateTime Nine = new(2026, 3, 9, 13, 0, 0, DateTimeKind.Utc);

    // New York in March after the clocks change: four hours behind.
    private static SlotOccurrence Slot(DateTime startUtc)
    {
        var local = new DateTimeOffset(DateTime.SpecifyKind(startUtc.AddHours(-4), DateTimeKind.Unspecified), TimeSpan.FromHours(-4));
        return new(1, DateOnly.FromDateTime(local.DateTime), startUtc, startUtc.AddHours(1), local, local.AddHours(1), 1);
    }

    private static readonly BookingQuestion Referral = new() { Id = 7, Kind = QuestionKind.ShortText, TextEn = "Who referred you?" };

    [Fact]
    public void The_chosen_times_go_best_first_and_empty_ranks_are_skipped()
    {
        var form = new RankedChoicesForm();
        form.Load([Slot(Nine), Slot(Nine.AddHours(1))], [], null, English);

        form.Choose(1, RankedChoicesForm.ValueOf(Nine.AddHours(1)));
        form.Choose(3, RankedChoicesForm.ValueOf(Nine));

        form.Choices().Should().Equal(Nine.AddHours(1), Nine);
        form.Options.Select(o => o.Label).Should().Equal("Mon 9 Mar 2026, 9:00 AM", "Mon 9 Mar 2026, 10:00 AM");
    }

    [Fact]
    public void What_was_saved_comes_back_when_the_picker_opens_again()
    {
        var saved = new RankedChoiceSet
        {
            Choices = RankedChoiceSet.Format([Nine.AddHours(1), Nine]),
            Answers = RankedChoiceSet.FormatAnswers(new Dictionary<int, IReadOnlyList<string>> { [Referral.Id] = ["Dr Ruiz"] }),
        };
        var form = new RankedChoicesForm();

        form.Load([Slot(Nine), Slot(Nine.AddHours(1))], [Referral], saved, English);

        form.Choice(0).Should().Be(RankedChoicesForm.ValueOf(Nine.AddHours(1)));
        form.Choice(1).Should().Be(RankedChoicesForm.ValueOf(Nine));
        form.Answers.Text(Referral.Id).Should().Be("Dr Ruiz");
        form.Saved.Should().BeTrue();
    }

    [Fact]
    public void A_problem_shows_beside_its_time_and_goes_when_that_time_changes()
    {
        var form = new RankedChoicesForm();
        form.Load([Slot(Nine)], [], null, English);
        form.Choose(0, RankedChoicesForm.ValueOf(Nine));
        form.Choose(2, RankedChoicesForm.ValueOf(Nine));

        form.Show(new RankedChoicesSaved(false, new Dictionary<int, RankedChoiceProblem> { [1] = RankedChoiceProblem.Duplicate }, new Dictionary<int, AnswerProblem>()));

        form.ProblemAt(2).Should().Be(RankedChoiceProblem.Duplicate, "the server counts the second chosen time, shown in the third field");
        form.ProblemAt(0).Should().BeNull();
        form.Choose(2, "");
        form.ProblemAt(2).Should().BeNull();
        form.Saved.Should().BeFalse();
    }
}
