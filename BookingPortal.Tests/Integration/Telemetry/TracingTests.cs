using BookingPortal.Infrastructure.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BookingPortal.Tests.Integration.Telemetry;

/// <summary>
/// Spans are recorded only where a collector receives them: a tracer with nowhere to send its spans still
/// records one for every message a circuit sends back, and keeps each circuit's spans and links alive.
/// </summary>
public class TracingTests
{
    [Fact]
    public void Without_a_collector_the_portal_has_no_tracer()
    {
        using var portal = new PortalFactory();

        portal.Services.GetService<TracerProvider>().Should().BeNull();
        portal.Services.GetService<MeterProvider>().Should().NotBeNull("metrics are scraped at /metrics with or without a collector");
    }

    [Fact]
    public void With_a_collector_configured_the_portal_traces()
    {
        using var portal = new CollectorPortalFactory();

        portal.Services.GetService<TracerProvider>().Should().NotBeNull();
    }

    private sealed class CollectorPortalFactory : PortalFactory
    {
        // Nothing listens there: the exporter's failed sends are its own business, the test reads the set-up.
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
            [new(TelemetryServiceCollectionExtensions.OtlpEndpointKey, "http://127.0.0.1:9")];
    }
}
