using System.Net.Http.Headers;
using BookingPortal.Infrastructure.Telemetry;

namespace BookingPortal.Tests.Integration.Telemetry;

/// <summary>/metrics as a Prometheus scraper sees it: open to the configured token, refused (never hidden) to everyone else.</summary>
public class MetricsEndpointTests(ScrapedPortalFactory factory) : IClassFixture<ScrapedPortalFactory>
{
    [Theory]
    [InlineData("change-me-to-32-random-characters", "*'Metrics:ScrapeToken'*placeholder*")]
    [InlineData("CHANGE-ME-please-change-me-now", "*'Metrics:ScrapeToken'*placeholder*")]
    [InlineData("too-short", "*'Metrics:ScrapeToken'*at least 16*")]
    [InlineData("3f9c1e7a5b2d48e6a0c4f1d2b7e9a6c3", "passes")]
    public void A_scrape_token_anyone_could_guess_stops_start_up_naming_the_key(string token, string expected)
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { ScrapeToken = token });

        (result.Failed ? result.FailureMessage : "passes").Should().Match(expected);
    }

    [Fact]
    public async Task The_scraper_with_the_token_reads_the_portals_own_meters_in_Prometheus_format()
    {
        await factory.Get<BookingService>().ReserveAsync(new ReserveRequest("", 1, DateTime.UtcNow, ""));
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapedPortalFactory.Token);

        // The exporter caches a scrape for a moment; the refusal shows in the next one at the latest.
        string body = "";
        var seen = await Poll.UntilAsync(async () =>
        {
            var response = await http.GetAsync("/metrics");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            body = await response.Content.ReadAsStringAsync();
            return body.Contains("bookingportal_bookings_refused_total{", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));

        seen.Should().BeTrue(body);
        body.Should().Contain("reason=\"InvalidRequest\"");
        body.Should().Contain("bookingportal_booking_duration_seconds_bucket");
        body.Should().Contain("bookingportal_outbox_messages{", "the outbox gauge is counted at start-up");
        body.Should().Contain("le=\"0.005\"", "durations in seconds get buckets for seconds");
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401_and_with_a_wrong_one_403_never_404()
    {
        using var http = factory.CreateClient();

        var anonymous = await http.GetAsync("/metrics");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-scrape-token-at-all");
        var wrong = await http.GetAsync("/metrics");

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await wrong.Content.ReadAsStringAsync()).Should().NotContain("bookingportal_");
    }
}

public sealed class ScrapedPortalFactory : PortalFactory
{
    public const string Token = "scrape-token-for-the-tests-0123456789";

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Metrics:ScrapeToken", Token)];
}
