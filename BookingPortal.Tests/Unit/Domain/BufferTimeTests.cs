namespace BookingPortal.Tests.Unit.Domain;

/// <summary>Buffers before and after appointments: what the admin form accepts and which slots are generated.</summary>
public class BufferTimeTests
{
    private static Service WithTemplates(int before, int after, params (int StartHour, int StartMinute, int EndHour, int EndMinute)[] windows)
    {
        var service = DemoServices.Consultation();
        service.AvailableDays = DaysOfWeekMask.All;
        service.BufferBeforeMinutes = before;
        service.BufferAfterMinutes = after;
        service.TimeSlots = windows.Select((w, i) => new TimeSlotTemplate
        {
            Id = i + 1,
            Days = DaysOfWeekMask.All,
            Start = new TimeOnly(w.StartHour, w.StartMinute),
            End = new TimeOnly(w.EndHour, w.EndMinute),
            Capacity = 2,
        }).ToList();
        service.DurationMinutes = (int)(service.TimeSlots[0].End - service.TimeSlots[0].Start).TotalMinutes;
        return service;
    }

    private static IEnumerable<TimeSpan> LocalStarts(Service service, DateOnly date) =>
        SlotSchedule.ForDate(service, date).Select(s => s.LocalStart.TimeOfDay);

    [Fact]
    public void Buffers_default_to_zero_so_back_to_back_slots_stay_offered()
    {
        var consultation = DemoServices.Consultation();

        consultation.BufferBeforeMinutes.Should().Be(0);
        consultation.BufferAfterMinutes.Should().Be(0);
        LocalStarts(consultation, new DateOnly(2026, 3, 4)).Should().Equal(
            TimeSpan.FromHours(9), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(15));
    }

    [Fact]
    public void Slots_that_leave_the_buffers_are_all_generated()
    {
        var service = WithTemplates(15, 15, (9, 0, 9, 30), (10, 0, 10, 30), (10, 45, 11, 15));

        LocalStarts(service, new DateOnly(2026, 3, 4)).Should().Equal(TimeSpan.FromHours(9), TimeSpan.FromHours(10));
        ServiceRules.Validate(service).Should().ContainSingle()
            .Which.Should().Be(new FieldError("TimeSlots[2].Start", "The buffers need 30 minutes between this slot and slot 2 (10:00–10:30) on a shared day."));
    }

    [Fact]
    public void The_admin_form_refuses_slots_closer_than_the_buffers_and_names_the_slot_field()
    {
        var service = WithTemplates(10, 20, (9, 0, 10, 0), (10, 0, 11, 0));

        ServiceRules.Validate(service).Should().ContainSingle()
            .Which.Field.Should().Be("TimeSlots[1].Start");
        SlotSchedule.ForDate(service, new DateOnly(2026, 3, 4)).Should().ContainSingle("a service saved before the rule existed still leaves the gap")
            .Which.LocalStart.TimeOfDay.Should().Be(TimeSpan.FromHours(9));
        SlotSchedule.Find(service, new DateTime(2026, 3, 4, 15, 0, 0, DateTimeKind.Utc)).Should().BeNull("the 10:00 slot is not bookable");
    }

    [Theory]
    [InlineData(-1, 0, "BufferBeforeMinutes")]
    [InlineData(0, -5, "BufferAfterMinutes")]
    [InlineData(721, 0, "BufferBeforeMinutes")]
    [InlineData(0, 721, "BufferAfterMinutes")]
    public void Buffers_out_of_range_are_named_beside_their_field(int before, int after, string field)
    {
        var service = WithTemplates(before, after, (9, 0, 9, 30));

        ServiceRules.Validate(service).Select(e => e.Field).Should().Equal(field);
    }

    [Fact]
    public void Spring_forward_shortens_the_real_gap_and_the_later_slot_is_not_offered_that_night_only()
    {
        // 01:00–01:30 EST ends 06:30 UTC; 03:00 EDT on 8 March 2026 is 07:00 UTC: 30 real minutes, not 90.
        var service = WithTemplates(0, 60, (1, 0, 1, 30), (3, 0, 3, 30));

        ServiceRules.Validate(service).Should().BeEmpty("on the wall clock the slots are 90 minutes apart");
        LocalStarts(service, new DateOnly(2026, 3, 7)).Should().Equal(TimeSpan.FromHours(1), TimeSpan.FromHours(3));
        LocalStarts(service, new DateOnly(2026, 3, 8)).Should().Equal(TimeSpan.FromHours(1));
        LocalStarts(service, new DateOnly(2026, 3, 9)).Should().Equal(TimeSpan.FromHours(1), TimeSpan.FromHours(3));
    }

    [Fact]
    public void Fall_back_lengthens_the_real_gap_so_both_slots_are_offered_that_night_only()
    {
        // 01:00–01:30 takes the earlier (EDT) instant and ends 05:30 UTC; 02:00 EST on 1 November 2026 is 07:00 UTC.
        var service = WithTemplates(60, 0, (1, 0, 1, 30), (2, 0, 2, 30));

        LocalStarts(service, new DateOnly(2026, 10, 31)).Should().Equal(TimeSpan.FromHours(1));
        LocalStarts(service, new DateOnly(2026, 11, 1)).Should().Equal(TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        LocalStarts(service, new DateOnly(2026, 11, 2)).Should().Equal(TimeSpan.FromHours(1));
    }

    [Fact]
    public void A_normal_clinic_week_across_the_spring_change_keeps_every_slot_at_its_wall_clock_time()
    {
        var service = WithTemplates(15, 15, (9, 0, 9, 30), (10, 0, 10, 30), (14, 0, 14, 30));

        var week = SlotSchedule.ForRange(service, new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 11)).ToList();

        week.Should().HaveCount(21);
        week.Select(s => s.LocalStart.TimeOfDay).Distinct().Should().Equal(TimeSpan.FromHours(9), TimeSpan.FromHours(10), TimeSpan.FromHours(14));
        week.Zip(week.Skip(1)).Should().OnlyContain(pair => pair.Second.StartUtc - pair.First.EndUtc >= TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void The_gap_holds_across_midnight()
    {
        var service = WithTemplates(0, 30, (0, 0, 0, 30), (23, 0, 23, 45));

        var twoDays = SlotSchedule.ForRange(service, new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 5)).ToList();

        twoDays.Select(s => s.LocalStart.DateTime).Should().Equal(
            [new DateTime(2026, 3, 4, 23, 0, 0), new DateTime(2026, 3, 5, 23, 0, 0)],
            "each 00:00 slot starts 15 minutes after the previous evening's slot ends");
    }
}
