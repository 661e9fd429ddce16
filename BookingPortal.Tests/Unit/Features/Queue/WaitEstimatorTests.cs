namespace BookingPortal.Tests.Unit.Features.Queue;

public class WaitEstimatorTests(ITestOutputHelper output)
{
    private static readonly OpeningScenario FastSellOut = new("fast sell-out", People: 600, Seats: 120,
        new Release { Name = "fast", AdmissionRatePerMinute = 60, MaxConcurrentAdmissions = 40, AdmissionWindowSeconds = 300 }, BookShare: 0.9);

    private static readonly OpeningScenario SlowOne = new("slow, many lapses", People: 300, Seats: 1_000,
        new Release { Name = "slow", AdmissionRatePerMinute = 20, MaxConcurrentAdmissions = 10, AdmissionWindowSeconds = 300 }, BookShare: 0.6);

    private static readonly OpeningScenario PausedAdmission = new("paused minutes 3-8", People: 300, Seats: 400,
        new Release { Name = "paused", AdmissionRatePerMinute = 30, MaxConcurrentAdmissions = 20, AdmissionWindowSeconds = 300 }, BookShare: 0.8, PausedMinutes: (3, 8));

    public static TheoryData<string> Scenarios => new() { FastSellOut.Name, SlowOne.Name, PausedAdmission.Name };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void In_simulated_openings_most_waits_fall_in_the_range_and_the_seat_chance_is_mostly_right(string name)
    {
        var scenario = new[] { FastSellOut, SlowOne, PausedAdmission }.Single(s => s.Name == name);

        var accuracy = OpeningSimulation.Run(scenario);

        output.WriteLine($"{scenario.Name}: {accuracy}");
        accuracy.Samples.Should().BeGreaterThan(50);
        accuracy.InRange.Should().BeGreaterThan(0.6);
        accuracy.ChanceRight.Should().BeGreaterThan(0.8);
    }

    [Fact]
    public void Ranges_are_rounded_outwards_to_steps_that_grow_with_the_wait()
    {
        WaitEstimator.Bucket(6.2, 8.7).Should().Be((6, 9));
        WaitEstimator.Bucket(12, 21).Should().Be((10, 25));
        WaitEstimator.Bucket(55, 95).Should().Be((50, 100));
        WaitEstimator.Bucket(0, 0).Should().Be((0, 1));
    }

    [Fact]
    public void While_admission_is_paused_there_is_no_range_but_the_seat_chance_stays()
    {
        var release = new Release { Name = "r", AdmissionPaused = true };

        var estimate = WaitEstimator.Estimate(50, 10, release, OpeningPace.NotStarted);

        estimate.Paused.Should().BeTrue();
        estimate.FromMinutes.Should().BeNull();
        estimate.Chance.Should().Be(SeatChance.Unlikely);
    }

    [Fact]
    public void Lapsed_turns_slow_the_expected_rate_where_the_concurrent_limit_binds()
    {
        var release = new Release { Name = "r", AdmissionRatePerMinute = 60, MaxConcurrentAdmissions = 10, AdmissionWindowSeconds = 600 };

        var mostBook = WaitEstimator.Rates(release, new OpeningPace(0, 0, 0, 95, 5, false));
        var mostLapse = WaitEstimator.Rates(release, new OpeningPace(0, 0, 0, 20, 80, false));

        mostLapse.Fast.Should().BeLessThan(mostBook.Slow);
    }

    [Fact]
    public void Without_counted_seats_nothing_is_said_about_the_chance() =>
        WaitEstimator.Estimate(5, null, new Release { Name = "r" }, OpeningPace.NotStarted).Chance.Should().Be(SeatChance.Unknown);
}
