namespace BookingPortal.Tests.Unit.Domain;

public class RankedChoiceRulesTests
{
    // Mondays 09:00 and 10:00 New York, one seat each.
    private static readonly Service Clinic = new()
    {
        Name = "Clinic",
        TimeZoneId = "America/New_York",
        AvailableDays = DaysOfWeekMask.Weekdays,
        TimeSlots =
        [
            new TimeSlotTemplate { Days = DaysOfWeekMask.Weekdays, Start = new TimeOnly(9, 0), End = new TimeOnly(10, 0), Capacity = 1 },
            new TimeSlotTemplate { Days = DaysOfWeekMask.Weekdays, Start = new TimeOnly(10, 0), End = new TimeOnly(11, 0), Capacity = 1 },
        ],
    };

    private static readonly DateTime Now = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime MondayNine = new(2026, 3, 9, 13, 0, 0, DateTimeKind.Utc);
    private static readonly SlotDateRange Release = new(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 13));

    [Fact]
    public void Five_distinct_future_slots_of_the_release_are_kept()
    {
        var choices = new[] { MondayNine, MondayNine.AddHours(1), MondayNine.AddDays(1), MondayNine.AddDays(2), MondayNine.AddDays(3) };

        RankedChoiceRules.Check(Clinic, Release, choices, Now).Should().BeEmpty();
    }

    [Fact]
    public void Each_wrong_choice_has_its_problem_by_rank()
    {
        var choices = new[]
        {
            MondayNine, MondayNine, MondayNine.AddMinutes(30), new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc), MondayNine.AddDays(7), MondayNine.AddDays(1),
        };

        RankedChoiceRules.Check(Clinic, Release, choices, Now).Should().Equal(new Dictionary<int, RankedChoiceProblem>
        {
            [1] = RankedChoiceProblem.Duplicate,
            [2] = RankedChoiceProblem.NotASlot,
            [3] = RankedChoiceProblem.InThePast,
            [4] = RankedChoiceProblem.OutsideRelease,
            [5] = RankedChoiceProblem.TooMany,
        });
    }

    [Fact]
    public void Choices_and_answers_survive_their_stored_form()
    {
        var set = new RankedChoiceSet
        {
            Choices = RankedChoiceSet.Format([MondayNine, MondayNine.AddHours(1)]),
            Answers = RankedChoiceSet.FormatAnswers(new Dictionary<int, IReadOnlyList<string>> { [4] = ["a", "b"] }),
        };

        set.Slots.Should().Equal(MondayNine, MondayNine.AddHours(1));
        set.Slots[0].Kind.Should().Be(DateTimeKind.Utc);
        set.AnswerValues[4].Should().Equal("a", "b");
    }
}
