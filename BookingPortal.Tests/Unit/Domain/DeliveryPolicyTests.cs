namespace BookingPortal.Tests.Unit.Domain;

public class DeliveryPolicyTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 960)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void The_wait_doubles_after_each_failure_and_never_exceeds_an_hour(int failedAttempts, int expectedSeconds)
    {
        DeliveryPolicy.RetryDelay(failedAttempts, TimeSpan.FromSeconds(30)).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void The_outbox_gives_up_at_the_configured_number_of_attempts()
    {
        DeliveryPolicy.ShouldGiveUp(5, maxAttempts: 6).Should().BeFalse();
        DeliveryPolicy.ShouldGiveUp(6, maxAttempts: 6).Should().BeTrue();
    }
}
