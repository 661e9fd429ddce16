using BookingPortal.Infrastructure.Time;

namespace BookingPortal.Tests.Unit.Domain;

/// <summary>A practitioner's free time on a date: rota with validity dates and breaks, time off, extra hours, DST nights.</summary>
public class PractitionerScheduleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneCache.Find("America/New_York");
    private static readonly DateOnly Monday = new(2026, 6, 15);

    private static WorkingHours Hours(DayOfWeek day, int fromHour, int toHour, DateOnly? validFrom = null, DateOnly? validTo = null) =>
        new() { Day = day, Start = new TimeOnly(fromHour, 0), End = new TimeOnly(toHour, 0), ValidFrom = validFrom, ValidTo = validTo };

    private static AvailabilityException Change(AvailabilityExceptionKind kind, DateTime start, DateTime end) =>
        new() { Kind = kind, StartLocal = start, EndLocal = end };

    private static List<(TimeOnly From, TimeOnly To, double Hours)> Local(List<TimeRange> ranges) => ranges
        .Select(r => (TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(r.StartUtc, NewYork)),
            TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(r.EndUtc, NewYork)), (r.EndUtc - r.StartUtc).TotalHours))
        .ToList();

    [Fact]
    public void Several_ranges_a_day_leave_the_break_between_them_and_other_days_are_off()
    {
        WorkingHours[] rota = [Hours(DayOfWeek.Monday, 9, 12), Hours(DayOfWeek.Monday, 13, 17)];

        Local(PractitionerSchedule.FreeIntervals(rota, [], NewYork, Monday)).Should().Equal(
            (new TimeOnly(9, 0), new TimeOnly(12, 0), 3d), (new TimeOnly(13, 0), new TimeOnly(17, 0), 4d));
        PractitionerSchedule.FreeIntervals(rota, [], NewYork, Monday.AddDays(1)).Should().BeEmpty();
    }

    [Fact]
    public void A_new_rota_starts_on_its_valid_from_date_and_the_old_one_ends_the_day_before()
    {
        var switchDay = Monday.AddDays(7);
        WorkingHours[] rota = [Hours(DayOfWeek.Monday, 9, 12, validTo: switchDay.AddDays(-1)), Hours(DayOfWeek.Monday, 14, 18, validFrom: switchDay)];

        Local(PractitionerSchedule.FreeIntervals(rota, [], NewYork, Monday)).Should().Equal((new TimeOnly(9, 0), new TimeOnly(12, 0), 3d));
        Local(PractitionerSchedule.FreeIntervals(rota, [], NewYork, switchDay)).Should().Equal((new TimeOnly(14, 0), new TimeOnly(18, 0), 4d));
    }

    [Fact]
    public void Time_off_for_a_date_range_removes_whole_days_and_part_days_with_times()
    {
        WorkingHours[] rota = [Hours(DayOfWeek.Monday, 9, 17), Hours(DayOfWeek.Tuesday, 9, 17)];
        AvailabilityException[] off =
        [
            Change(AvailabilityExceptionKind.TimeOff, Monday.AddDays(7).ToDateTime(TimeOnly.MinValue), Monday.AddDays(9).ToDateTime(TimeOnly.MinValue)),
            Change(AvailabilityExceptionKind.TimeOff, Monday.ToDateTime(new TimeOnly(11, 0)), Monday.ToDateTime(new TimeOnly(12, 30))),
        ];

        Local(PractitionerSchedule.FreeIntervals(rota, off, NewYork, Monday)).Should().Equal(
            (new TimeOnly(9, 0), new TimeOnly(11, 0), 2d), (new TimeOnly(12, 30), new TimeOnly(17, 0), 4.5d));
        PractitionerSchedule.FreeIntervals(rota, off, NewYork, Monday.AddDays(7)).Should().BeEmpty();
        PractitionerSchedule.FreeIntervals(rota, off, NewYork, Monday.AddDays(8)).Should().BeEmpty();
        PractitionerSchedule.FreeIntervals(rota, off, NewYork, Monday.AddDays(14)).Should().HaveCount(1);
    }

    [Fact]
    public void Extra_hours_add_a_day_off_the_rota_and_win_over_time_off()
    {
        var saturday = Monday.AddDays(5);
        AvailabilityException[] changes =
        [
            Change(AvailabilityExceptionKind.TimeOff, saturday.ToDateTime(TimeOnly.MinValue), saturday.AddDays(1).ToDateTime(TimeOnly.MinValue)),
            Change(AvailabilityExceptionKind.ExtraHours, saturday.ToDateTime(new TimeOnly(10, 0)), saturday.ToDateTime(new TimeOnly(13, 0))),
        ];

        Local(PractitionerSchedule.FreeIntervals([Hours(DayOfWeek.Monday, 9, 17)], changes, NewYork, saturday))
            .Should().Equal((new TimeOnly(10, 0), new TimeOnly(13, 0), 3d));
    }

    [Fact]
    public void Spring_forward_night_hours_last_the_real_time_and_a_start_in_the_gap_begins_when_the_clocks_jump()
    {
        var springForward = new DateOnly(2026, 3, 8);
        WorkingHours[] rota = [Hours(DayOfWeek.Sunday, 1, 5)];
        WorkingHours[] startsInGap = [new() { Day = DayOfWeek.Sunday, Start = new TimeOnly(2, 30), End = new TimeOnly(4, 0) }];

        Local(PractitionerSchedule.FreeIntervals(rota, [], NewYork, springForward)).Should().Equal((new TimeOnly(1, 0), new TimeOnly(5, 0), 3d));
        Local(PractitionerSchedule.FreeIntervals(startsInGap, [], NewYork, springForward)).Should().Equal((new TimeOnly(3, 0), new TimeOnly(4, 0), 1d));
    }

    [Fact]
    public void Fall_back_night_hours_last_the_real_time_and_whole_day_time_off_still_covers_the_day()
    {
        var fallBack = new DateOnly(2026, 11, 1);
        WorkingHours[] rota = [Hours(DayOfWeek.Sunday, 0, 4), Hours(DayOfWeek.Sunday, 9, 17)];
        AvailabilityException[] dayOff = [Change(AvailabilityExceptionKind.TimeOff, fallBack.ToDateTime(TimeOnly.MinValue), fallBack.AddDays(1).ToDateTime(TimeOnly.MinValue))];

        PractitionerSchedule.FreeIntervals(rota, [], NewYork, fallBack).Select(r => (r.EndUtc - r.StartUtc).TotalHours).Should().Equal(5d, 8d);
        PractitionerSchedule.FreeIntervals(rota, dayOff, NewYork, fallBack).Should().BeEmpty();
    }
}
