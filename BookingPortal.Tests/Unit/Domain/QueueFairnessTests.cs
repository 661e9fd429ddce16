namespace BookingPortal.Tests.Unit.Domain;

public class QueueFairnessTests
{
    [Fact]
    public void The_draw_is_a_permutation_that_the_seed_reproduces_and_another_seed_changes()
    {
        var ids = Enumerable.Range(1, 500).Select(i => (long)i).ToList();
        var seed = QueueFairness.NewSeed();

        var first = QueueFairness.DrawOrder(ids, seed);
        var again = QueueFairness.DrawOrder(ids, seed);
        var other = QueueFairness.DrawOrder(ids, QueueFairness.NewSeed());

        first.Should().BeEquivalentTo(ids).And.Equal(again, "the seed and the entries reproduce the draw");
        first.Should().NotEqual(ids, "arrival order is not kept");
        other.Should().NotEqual(first);
    }

    [Fact]
    public void Early_joiners_are_spread_fairly_over_the_places()
    {
        // Over many draws, the first 100 arrivals should hold about half of the first 200 places.
        var ids = Enumerable.Range(1, 200).Select(i => (long)i).ToList();
        var firstHalfInFrontHalf = Enumerable.Range(0, 50)
            .Select(_ => QueueFairness.DrawOrder(ids, QueueFairness.NewSeed()).Take(100).Count(id => id <= 100))
            .Average();

        firstHalfInFrontHalf.Should().BeInRange(40, 60);
    }

    [Theory]
    [InlineData(0, 0, 10)]
    [InlineData(8, 0, 2)]
    [InlineData(0, 18, 2)]
    [InlineData(10, 0, 0)]
    [InlineData(0, 20, 0)]
    public void Admissions_never_exceed_the_concurrent_limit_or_the_rate(int admittedNow, int lastMinute, int expected)
    {
        var release = new Release { Name = "r", MaxConcurrentAdmissions = 10, AdmissionRatePerMinute = 20 };

        QueueFairness.AdmissionsAllowed(release, admittedNow, lastMinute).Should().Be(expected);
        QueueFairness.AdmissionsAllowed(new Release { Name = "p", AdmissionPaused = true }, 0, 0).Should().Be(0);
    }
}
