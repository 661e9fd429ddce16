namespace BookingPortal.Tests.Unit.Domain;

public class SlotScheduleTests
{
    private readonly Service consultation = DemoServices.Consultation();

    [Fact]
    public void A_day_the_service_is_not_offered_has_no_slots() =>
        SlotSchedule.ForDate(consultation, new DateOnly(2026, 3, 3)).Should().BeEmpty("the demo consultation is Mon/Wed/Fri and 3 March 2026 is a Tuesday");

    [Fact]
    public void An_offered_day_has_one_slot_per_template_in_time_order()
    {
        var slots = SlotSchedule.ForDate(consultation, new DateOnly(2026, 3, 4));

        slots.Select(s => s.LocalStart.TimeOfDay).Should().Equal(
            TimeSpan.FromHours(9), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(15));
        slots.Should().OnlyContain(s => s.Capacity == 3 && s.EndUtc - s.StartUtc == TimeSpan.FromHours(1));
    }

    [Fact]
    public void The_spring_forward_week_moves_the_utc_time_of_a_nine_oclock_slot_by_one_hour()
    {
        // DST starts in New York on Sunday 8 March 2026: Friday 6 March is EST (-5), Monday 9 March is EDT (-4).
        var friday = SlotSchedule.ForDate(consultation, new DateOnly(2026, 3, 6))[0];
        var monday = SlotSchedule.ForDate(consultation, new DateOnly(2026, 3, 9))[0];

        friday.LocalStart.Offset.Should().Be(TimeSpan.FromHours(-5));
        friday.StartUtc.Should().Be(new DateTime(2026, 3, 6, 14, 0, 0, DateTimeKind.Utc));
        monday.LocalStart.Offset.Should().Be(TimeSpan.FromHours(-4));
        monday.StartUtc.Should().Be(new DateTime(2026, 3, 9, 13, 0, 0, DateTimeKind.Utc));
        monday.LocalStart.TimeOfDay.Should().Be(TimeSpan.FromHours(9), "the wall-clock time stays 09:00");
    }

    [Fact]
    public void The_fall_back_week_moves_the_utc_time_of_a_nine_oclock_slot_back()
    {
        // DST ends in New York on Sunday 1 November 2026.
        var friday = SlotSchedule.ForDate(consultation, new DateOnly(2026, 10, 30))[0];
        var monday = SlotSchedule.ForDate(consultation, new DateOnly(2026, 11, 2))[0];

        friday.StartUtc.Should().Be(new DateTime(2026, 10, 30, 13, 0, 0, DateTimeKind.Utc));
        monday.StartUtc.Should().Be(new DateTime(2026, 11, 2, 14, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void A_slot_inside_the_spring_forward_gap_is_skipped()
    {
        var service = DemoServices.WithTemplate(new TimeOnly(2, 30), new TimeOnly(3, 30));

        SlotSchedule.ForDate(service, new DateOnly(2026, 3, 8)).Should().BeEmpty("02:30 does not exist in New York on 8 March 2026");
        SlotSchedule.ForDate(service, new DateOnly(2026, 3, 7)).Should().HaveCount(1);
    }

    [Fact]
    public void A_slot_in_the_repeated_fall_back_hour_takes_the_earlier_instant()
    {
        var service = DemoServices.WithTemplate(new TimeOnly(1, 15), new TimeOnly(1, 45));

        var slot = SlotSchedule.ForDate(service, new DateOnly(2026, 11, 1)).Single();

        slot.LocalStart.Offset.Should().Be(TimeSpan.FromHours(-4), "01:15 happens twice; the first is still daylight time");
        slot.StartUtc.Should().Be(new DateTime(2026, 11, 1, 5, 15, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Find_recognises_only_instants_that_are_scheduled_slots()
    {
        var wednesdayNineUtc = new DateTime(2026, 3, 4, 14, 0, 0, DateTimeKind.Utc);

        SlotSchedule.Find(consultation, wednesdayNineUtc).Should().NotBeNull();
        SlotSchedule.Find(consultation, wednesdayNineUtc.AddMinutes(30)).Should().BeNull();
        SlotSchedule.Find(consultation, wednesdayNineUtc.AddDays(-1)).Should().BeNull("Tuesday is not an available day");
    }

    [Fact]
    public void A_template_limited_to_some_days_only_produces_slots_on_those_days()
    {
        var service = DemoServices.WithTemplate(new TimeOnly(9, 0), new TimeOnly(10, 0), DaysOfWeekMask.Weekdays);
        service.TimeSlots[0].Days = DaysOfWeekMaskExtensions.From(DayOfWeek.Monday);

        SlotSchedule.ForRange(service, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8))
            .Select(s => s.LocalDate.DayOfWeek).Should().Equal(DayOfWeek.Monday);
    }
}
