using BookingPortal.Infrastructure.Telemetry;

namespace BookingPortal.Tests.Unit.Infrastructure.Telemetry;

public class MetricsOptionsTests
{
    [Theory]
    [InlineData("change-me-to-32-random-characters", "*'Metrics:ScrapeToken'*placeholder*")]
    [InlineData("CHANGE-ME-please-change-me-now", "*'Metrics:ScrapeToken'*placeholder*")]
    [InlineData("too-short", "*'Metrics:ScrapeToken'*at least 16*")]
    public void A_scrape_token_anyone_could_guess_stops_start_up_naming_the_key(string token, string message)
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { ScrapeToken = token });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Match(message);
    }

    [Fact]
    public void A_random_token_passes()
    {
        new MetricsOptionsValidator().Validate(null, new MetricsOptions { ScrapeToken = "3f9c1e7a5b2d48e6a0c4f1d2b7e9a6c3" }).Succeeded.Should().BeTrue();
    }
}
