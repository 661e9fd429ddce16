namespace BookingPortal.Tests.Integration.Insights;

/// <summary>The Insights figures over a seeded history whose answers are known (<see cref="InsightsHistory"/>), on each provider.</summary>
public abstract class InsightsFiguresSuite() : PortalSuite(scheduledJobs: false)
{
    private int serviceId;
    private long openingId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (serviceId, openingId) = await InsightsHistory.SeedAsync(factory);
    }

    [Fact]
    public async Task Appointments_fall_in_the_week_of_the_services_clock_with_their_outcomes()
    {
        var trends = (await factory.Get<BookingTrendsQueries>().GetAsync(await factory.StaffAsync(), serviceId, weeksBack: 4))!;

        trends.Weeks.Select(w => w.WeekStart).Should().Equal(Enumerable.Range(0, 9).Select(i => new DateOnly(2026, 2, 2).AddDays(7 * i)));
        trends.Weeks.Single(w => w.WeekStart == new DateOnly(2026, 2, 16)).Should().Be(new BookingWeek(new DateOnly(2026, 2, 16), Kept: 3, Cancelled: 1, CancelledWithFee: 1, Moved: 0, NoShows: 2));
        trends.Weeks.Single(w => w.WeekStart == new DateOnly(2026, 2, 23)).Should().Be(new BookingWeek(new DateOnly(2026, 2, 23), Kept: 3, Cancelled: 1, CancelledWithFee: 0, Moved: 1, NoShows: 0));
        trends.Weeks.Single(w => w.WeekStart == new DateOnly(2026, 3, 2)).Kept.Should().Be(4);
        trends.Weeks.Sum(w => w.Kept + w.Cancelled + w.NoShows).Should().Be(14, "every seeded appointment is in one week");
        trends.Weeks.Single(w => w.WeekStart == new DateOnly(2026, 2, 16)).NoShowRate.Should().Be(0.4);
        trends.NoShowRate.Should().BeApproximately(2.0 / 12, 1e-9);
        trends.Waitlist.Single(w => w.WeekStart == new DateOnly(2026, 2, 16)).Should().Be(new WaitlistWeek(new DateOnly(2026, 2, 16), Offered: 3, Claimed: 1, Lapsed: 1));
        trends.Waitlist.Sum(w => w.Offered).Should().Be(3);
    }

    [Fact]
    public async Task Demand_is_placed_on_the_weekday_and_hour_of_the_services_clock()
    {
        var map = (await factory.Get<DemandQueries>().GetAsync(await factory.StaffAsync(), serviceId, weeksBack: 4))!;

        map.Bookings[DemandMap.RowOf(DayOfWeek.Wednesday), 9].Should().Be(8);
        map.Bookings[DemandMap.RowOf(DayOfWeek.Monday), 9].Should().Be(3);
        map.Bookings[DemandMap.RowOf(DayOfWeek.Friday), 19].Should().Be(1, "Saturday 00:30 UTC is Friday evening in New York");
        map.Bookings.Cast<int>().Sum().Should().Be(12, "cancelled appointments are not demand");
        map.FullSlots[DemandMap.RowOf(DayOfWeek.Wednesday), 9].Should().Be(1);
        map.FullSlots.Cast<int>().Sum().Should().Be(1);
        map.Busiest(map.Bookings).Should().Be((DayOfWeek.Wednesday, 9, 8));
    }

    [Fact]
    public async Task An_opening_is_told_minute_by_minute_with_its_waits_and_lapsed_turns()
    {
        var opening = (await factory.Get<OpeningInsightsQueries>().GetAsync(await factory.StaffAsync(), openingId))!;

        opening.IsLive.Should().BeFalse();
        (opening.Joined, opening.Admitted, opening.Lapsed, opening.SeatsBooked).Should().Be((5, 4, 1, 3));
        opening.MedianWait.Should().Be(TimeSpan.FromSeconds(10));
        opening.P90Wait.Should().Be(TimeSpan.FromSeconds(210));
        opening.BookingsPerAdmission.Should().Be(0.75);
        opening.Trust.Should().Be(new OpeningTrustFigures(ChallengesAsked: 2, ChallengesUnmet: 1, DrawCheck.Verified));
        opening.Minutes.Should().OnlyContain(m => m.SeatsLeft == null, "no seats-left reading was taken during this opening");
        var minutes = opening.Minutes;
        minutes.Select(m => m.MinuteUtc).Should().Equal(Enumerable.Range(0, 18).Select(i => InsightsHistory.OpensAtUtc.AddMinutes(-10 + i)));
        minutes.Select(m => m.InLine).Should().Equal(0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 0, 1, 3, 2, 1, 1, 0, 0);
        minutes.Select(m => m.Admitted).Sum().Should().Be(4);
        minutes.Single(m => m.MinuteUtc == InsightsHistory.OpensAtUtc.AddMinutes(5)).Lapsed.Should().Be(1);
        minutes.Where(m => m.SeatsBooked > 0).Select(m => m.MinuteUtc.Minute).Should().Equal(1, 3, 7);
    }

    /// <summary>A customer admitted at the doors joined again at minute 3 (keeping that admission's instant, with no window) and left while waiting.</summary>
    [Fact]
    public async Task A_customer_who_joined_again_and_left_while_waiting_is_told_as_a_new_arrival_who_gave_up()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        DateTime At(int minutes, int seconds = 0) => InsightsHistory.OpensAtUtc.AddMinutes(minutes).AddSeconds(seconds);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            db.QueueEntries.Add(new QueueEntry
            {
                OpeningId = openingId, CustomerId = customer, JoinedAtUtc = At(3), Status = QueueEntryStatus.Left, AdmittedAtUtc = At(0, 10), FinishedAtUtc = At(4),
            });
            await db.SaveChangesAsync();
        }

        var opening = (await factory.Get<OpeningInsightsQueries>().GetAsync(await factory.StaffAsync(), openingId))!;
        await using var read = await factory.DbFactory.CreateDbContextAsync();
        var pace = await OpeningPaceReader.ReadAsync(read, openingId, At(7), default);

        (opening.Joined, opening.Admitted, opening.Lapsed, opening.SeatsBooked).Should().Be((6, 4, 1, 3), "the earlier turn's outcome is not known, as before");
        (opening.MedianWait, opening.P90Wait).Should().Be((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(210)), "no wait of nothing is made up");
        opening.Minutes.Select(m => m.InLine).Should().Equal(0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 0, 1, 3, 3, 1, 1, 0, 0);
        (pace.Booked, pace.Lapsed).Should().Be((3, 1), "leaving the line is no lapsed turn");
    }

    [Fact]
    public async Task Seats_left_each_minute_are_the_last_reading_taken_by_its_end()
    {
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            (int Minutes, int Seconds, int SeatsLeft)[] readings = [(-3, 0, 12), (0, 50, 12), (1, 15, 11), (3, 40, 10), (7, 5, 9), (7, 55, 8)];
            db.OpeningSeatSamples.AddRange(readings.Select(r => new OpeningSeatSample
            {
                OpeningId = openingId, AtUtc = InsightsHistory.OpensAtUtc.AddMinutes(r.Minutes).AddSeconds(r.Seconds), SeatsLeft = r.SeatsLeft,
            }));
            await db.SaveChangesAsync();
        }

        var opening = (await factory.Get<OpeningInsightsQueries>().GetAsync(await factory.StaffAsync(), openingId))!;

        // Minutes from 13:50 UTC; none before the first reading, then each minute's last (5 and 6 carry 10 from minute 3).
        opening.Minutes.Select(m => m.SeatsLeft).Should().Equal(
            null, null, null, null, null, null, null, 12, 12, 12, 12, 11, 11, 10, 10, 10, 10, 8);
    }

    [Fact]
    public async Task Openings_are_listed_for_staff_only()
    {
        var openings = await factory.Get<InsightsChoices>().OpeningsAsync(await factory.StaffAsync());
        openings.Should().ContainSingle(o => o.OpeningId == openingId).Which.ServiceName.Should().Be(InsightsHistory.ServiceName);

        var customer = TestData.CustomerActor((await factory.CreateCustomersAsync(1))[0]);
        await FluentActions.Awaiting(() => factory.Get<OpeningInsightsQueries>().GetAsync(customer, openingId)).Should().ThrowAsync<UnauthorizedAccessException>();
        await FluentActions.Awaiting(() => factory.Get<DemandQueries>().GetAsync(customer, serviceId, 4)).Should().ThrowAsync<UnauthorizedAccessException>();
    }
}

public sealed class InsightsFiguresTests : InsightsFiguresSuite;

public sealed class InsightsFiguresOnPostgresTests : InsightsFiguresSuite
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
