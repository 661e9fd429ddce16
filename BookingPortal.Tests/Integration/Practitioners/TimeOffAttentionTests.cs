namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>
/// Bookings left in a practitioner's time off stay in sight once the time off's own panel is closed: on the dashboard
/// (by practitioner), on the time off's entry (counted) and at the front desk (marked), until each is given to a
/// colleague or cancelled, or is over.
/// </summary>
public class TimeOffAttentionTests : TimeOffSuite
{
    [Fact]
    public async Task Time_off_over_a_booking_is_on_the_dashboard_naming_the_practitioner_and_counted_on_its_entry()
    {
        var staff = await s.Factory.StaffAsync();
        var added = await s.Factory.Get<TimeOffService>().AddAsync(staff, s.Away, MorningOff(s));

        var dashboard = await s.Factory.Get<DashboardService>().GetAsync(staff);

        dashboard.BookingsInTimeOff.Should().Equal(new PractitionerAway(s.Away, "Dr Away", 1));
        (await s.Factory.Get<TimeOffService>().StillInAsync(staff, s.Away)).Should().Equal(new Dictionary<int, int> { [added.ExceptionId!.Value] = 1 });
    }

    [Fact]
    public async Task Once_the_booking_is_given_to_a_colleague_nothing_is_left_in_the_time_off()
    {
        var (timeOff, staff) = (s.Factory.Get<TimeOffService>(), await s.Factory.StaffAsync());
        var added = await timeOff.AddAsync(staff, s.Away, MorningOff(s));
        (await s.Factory.Get<DashboardService>().GetAsync(staff)).BookingsInTimeOff.Should().ContainSingle();

        (await timeOff.ReassignAsync(staff, added.Affected[0].Appointment, s.Colleague)).Succeeded.Should().BeTrue();

        (await s.Factory.Get<DashboardService>().GetAsync(staff)).BookingsInTimeOff.Should().BeEmpty();
        (await timeOff.StillInAsync(staff, s.Away)).Should().BeEmpty();
    }

    [Fact]
    public async Task Once_the_booking_is_cancelled_nothing_is_left_in_the_time_off()
    {
        var (timeOff, staff) = (s.Factory.Get<TimeOffService>(), await s.Factory.StaffAsync());
        var added = await timeOff.AddAsync(staff, s.Away, MorningOff(s));
        (await timeOff.StillInAsync(staff, s.Away)).Should().ContainSingle();

        (await timeOff.CancelAsync(staff, added.Affected[0].Appointment)).Succeeded.Should().BeTrue();

        (await s.Factory.Get<DashboardService>().GetAsync(staff)).BookingsInTimeOff.Should().BeEmpty();
        (await timeOff.StillInAsync(staff, s.Away)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_booking_in_two_overlapping_time_offs_counts_once_on_the_dashboard_and_on_each_entry()
    {
        var (timeOff, staff) = (s.Factory.Get<TimeOffService>(), await s.Factory.StaffAsync());
        var morning = await timeOff.AddAsync(staff, s.Away, MorningOff(s));
        var wholeDay = await timeOff.AddAsync(staff, s.Away, new ExceptionDraft { Kind = AvailabilityExceptionKind.TimeOff, FromDate = s.Day, Reason = "Ill" });

        (await s.Factory.Get<DashboardService>().GetAsync(staff)).BookingsInTimeOff.Should().Equal(new PractitionerAway(s.Away, "Dr Away", 2));
        (await timeOff.StillInAsync(staff, s.Away)).Should().Equal(new Dictionary<int, int> { [morning.ExceptionId!.Value] = 1, [wholeDay.ExceptionId!.Value] = 2 });
    }

    [Fact]
    public async Task The_front_desk_marks_the_booking_in_time_off_and_not_the_one_after_it()
    {
        var staff = await s.Factory.StaffAsync();
        await s.Factory.Get<TimeOffService>().AddAsync(staff, s.Away, MorningOff(s));
        s.Factory.Clock.SetUtcNow(new DateTimeOffset(s.Inside.StartUtc.AddHours(-1), TimeSpan.Zero));

        var rows = await s.Factory.Get<FrontDeskService>().TodayAsync(staff);

        rows.Single(r => r.Booking.Id == s.Inside.Id).PractitionerAway.Should().BeTrue();
        rows.Single(r => r.Booking.Id == s.Outside.Id).PractitionerAway.Should().BeFalse();
    }

    [Fact]
    public async Task A_booking_in_time_off_that_is_over_needs_nothing_more()
    {
        var staff = await s.Factory.StaffAsync();
        await s.Factory.Get<TimeOffService>().AddAsync(staff, s.Away, MorningOff(s));
        s.Factory.Clock.SetUtcNow(new DateTimeOffset(s.Inside.EndUtc.AddMinutes(-1), TimeSpan.Zero));
        (await s.Factory.Get<DashboardService>().GetAsync(staff)).BookingsInTimeOff.Should().ContainSingle("it is still going on");
        s.Factory.Clock.SetUtcNow(new DateTimeOffset(s.Inside.EndUtc, TimeSpan.Zero));

        (await s.Factory.Get<DashboardService>().GetAsync(staff)).BookingsInTimeOff.Should().BeEmpty();
        (await s.Factory.Get<TimeOffService>().StillInAsync(staff, s.Away)).Should().BeEmpty();
    }
}

/// <summary>The same on PostgreSQL, where the time off's wall-clock columns are timestamps compared with an instant.</summary>
public class TimeOffAttentionOnPostgresTests : TimeOffAttentionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
