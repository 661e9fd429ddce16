using Quartz;

namespace BookingPortal.Tests.Unit.Domain;

public class ReleaseScheduleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static Release MondayNine() => new() { Name = "weekly", RecurringDays = DaysOfWeekMask.Monday, RecurringLocalTime = new TimeOnly(9, 0) };

    [Fact]
    public void A_weekly_opening_stays_at_nine_in_New_York_across_the_DST_change_and_Quartz_agrees()
    {
        var release = MondayNine();
        // Friday 6 March 2026; clocks go forward on Sunday 8 March.
        var after = new DateTime(2026, 3, 6, 12, 0, 0, DateTimeKind.Utc);

        var next = ReleaseSchedule.NextOpening(release, NewYork, after);
        var following = ReleaseSchedule.NextOpening(release, NewYork, next!.Value);
        var quartz = new CronExpression(ReleaseSchedule.Cron(release), NewYork).GetNextValidTimeAfter(new DateTimeOffset(after));

        next.Should().Be(new DateTime(2026, 3, 9, 13, 0, 0, DateTimeKind.Utc), "09:00 EDT is 13:00 UTC");
        following.Should().Be(new DateTime(2026, 3, 16, 13, 0, 0, DateTimeKind.Utc));
        quartz!.Value.UtcDateTime.Should().Be(next.Value);
        ReleaseSchedule.Cron(release).Should().Be("0 0 9 ? * MON");
    }

    [Theory]
    [InlineData(2, 30, "2026-03-01")]
    [InlineData(2, 0, "2026-03-01")]
    [InlineData(1, 30, "2026-10-25")]
    [InlineData(3, 0, "2026-03-01")]
    public void A_Sunday_opening_around_the_clock_changes_is_when_Quartz_fires_it(int hour, int minute, string fromDate)
    {
        var release = new Release { Name = "night", RecurringDays = DaysOfWeekMask.Sunday, RecurringLocalTime = new TimeOnly(hour, minute) };
        var cron = new CronExpression(ReleaseSchedule.Cron(release), NewYork);
        var after = DateOnly.Parse(fromDate, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        for (var week = 0; week < 3; week++)
        {
            var opening = ReleaseSchedule.NextOpening(release, NewYork, after);
            var fired = cron.GetNextValidTimeAfter(new DateTimeOffset(after))!.Value.UtcDateTime;
            opening.Should().Be(fired, $"the domain and the scheduler must name the same opening (week {week} after {after:u})");
            after = opening!.Value;
        }
    }

    [Fact]
    public void An_opening_in_the_spring_forward_gap_opens_when_the_clocks_jump()
    {
        var release = new Release { Name = "night", RecurringDays = DaysOfWeekMask.Sunday, RecurringLocalTime = new TimeOnly(2, 30) };

        var opening = ReleaseSchedule.NextOpening(release, NewYork, new DateTime(2026, 3, 7, 0, 0, 0, DateTimeKind.Utc));

        // 02:30 does not exist on 8 March 2026 in New York: the clocks go from 02:00 EST to 03:00 EDT (07:00 UTC).
        opening.Should().Be(new DateTime(2026, 3, 8, 7, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void The_week_before_DST_opens_at_14_UTC_and_the_current_opening_is_the_latest_one_started()
    {
        var release = MondayNine();

        ReleaseSchedule.NextOpening(release, NewYork, new DateTime(2026, 2, 27, 0, 0, 0, DateTimeKind.Utc)).Should().Be(new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc));
        ReleaseSchedule.CurrentOpening(release, NewYork, new DateTime(2026, 3, 2, 13, 59, 0, DateTimeKind.Utc)).Should().Be(new DateTime(2026, 2, 23, 14, 0, 0, DateTimeKind.Utc));
        ReleaseSchedule.CurrentOpening(release, NewYork, new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc)).Should().Be(new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Early_access_makes_the_opening_current_that_many_minutes_sooner()
    {
        var release = MondayNine();
        release.EarlyAccessAudienceId = 1;
        release.EarlyAccessMinutes = 15;

        ReleaseSchedule.CurrentOpening(release, NewYork, new DateTime(2026, 3, 2, 13, 45, 0, DateTimeKind.Utc)).Should().Be(new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void A_one_off_release_opens_once()
    {
        var once = new Release { Name = "once", OpensAtUtc = new DateTime(2026, 4, 1, 13, 0, 0, DateTimeKind.Utc) };

        ReleaseSchedule.NextOpening(once, NewYork, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)).Should().Be(once.OpensAtUtc);
        ReleaseSchedule.NextOpening(once, NewYork, once.OpensAtUtc!.Value).Should().BeNull();
        ReleaseSchedule.CurrentOpening(once, NewYork, once.OpensAtUtc.Value.AddDays(3)).Should().Be(once.OpensAtUtc);
    }
}
