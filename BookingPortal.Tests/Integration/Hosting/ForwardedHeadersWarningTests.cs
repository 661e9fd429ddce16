namespace BookingPortal.Tests.Integration.Hosting;

/// <summary>A proxy in front that nobody named makes the whole clinic one client: the portal says so, once.</summary>
public class ForwardedHeadersWarningTests
{
    private const string Warning = "carried X-Forwarded-For, but no proxy is trusted";

    [Fact]
    public async Task Forwarded_requests_with_no_proxy_trusted_log_one_warning_naming_the_key()
    {
        await using var factory = new PortalFactory();
        using var client = factory.CreateClient();

        (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();
        factory.Log.Entries.Should().NotContain(e => e.Message.Contains(Warning), "a request without the header came straight from a client");
        for (var i = 0; i < 3; i++)
        {
            using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            forwarded.Headers.Add("X-Forwarded-For", "203.0.113.7");
            (await client.SendAsync(forwarded)).EnsureSuccessStatusCode();
        }

        factory.Log.Entries.Should().ContainSingle(e => e.Message.Contains(Warning))
            .Which.Should().Match<(LogLevel Level, string Message, Exception?)>(e => e.Level == LogLevel.Warning && e.Message.Contains("'ForwardedHeaders:KnownProxies'"));
    }

    [Fact]
    public async Task With_the_proxy_named_there_is_no_warning()
    {
        await using var factory = new TrustingFactory();
        using var client = factory.CreateClient();
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.7");

        (await client.SendAsync(forwarded)).EnsureSuccessStatusCode();

        factory.Log.Entries.Should().NotContain(e => e.Message.Contains(Warning));
    }

    private sealed class TrustingFactory : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("ForwardedHeaders:KnownProxies:0", "127.0.0.1")];
    }
}
