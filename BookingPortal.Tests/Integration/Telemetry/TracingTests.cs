using BookingPortal.Infrastructure.Telemetry;
using BookingPortal.Tests.Integration.Practitioners;
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

    [Fact]
    public async Task A_span_of_a_call_to_an_address_staff_typed_in_names_its_host_but_not_its_secret_path()
    {
        const string secret = BusyFeedTests.FeedSecret;
        var (feedServer, baseUrl) = await LocalStandIn.StartAsync(app => app.MapGet($"/ical/{secret}/basic.ics",
            () => Results.Text(BusyFeedTests.Calendar(), "text/calendar")));
        await using var stopFeed = feedServer;
        var spans = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("url.full") is string address && address.StartsWith(baseUrl, StringComparison.Ordinal))
                {
                    spans.Enqueue(address);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var portal = new CollectorPortalFactory(
            new("Webhooks:AllowHttp", "true"), new("Webhooks:AllowPrivateNetworks", "true"));
        await portal.StartWithoutScheduledJobsAsync();
        var practitioner = await portal.CreatePractitionerAsync("Dr Traced", (await portal.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id);

        var read = await portal.Get<BusyFeedService>().RefreshAsync(practitioner, $"{baseUrl}/ical/{secret}/basic.ics");

        read.Error.Should().BeNull();
        spans.Should().NotBeEmpty("the call was traced").And.OnlyContain(address => address == $"{baseUrl}/…" && !address.Contains(secret));
    }

    [Fact]
    public async Task A_span_of_a_request_for_the_private_calendar_feed_names_its_route_but_not_its_token()
    {
        var token = CalendarFeedToken.Create();
        var paths = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("url.path") is string path && path.StartsWith("/calendar/practitioners/", StringComparison.Ordinal))
                {
                    paths.Enqueue(path);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var portal = new CollectorPortalFactory();
        using var client = portal.CreateClient();

        (await client.GetAsync("/" + CalendarFeedService.PathFor(token))).StatusCode.Should().Be(HttpStatusCode.NotFound, "no practitioner has this token");
        // The client has the answer before the server's pipeline has ended the request's span.
        await Poll.UntilAsync(() => Task.FromResult(!paths.IsEmpty), TimeSpan.FromSeconds(10));

        paths.Should().NotBeEmpty("the request was traced").And.OnlyContain(path => path == "/calendar/practitioners/{token}.ics");
    }

    private sealed class CollectorPortalFactory(params KeyValuePair<string, string>[] settings) : PortalFactory
    {
        // Nothing listens there: the exporter's failed sends are its own business, the test reads the set-up.
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
            [new(TelemetryServiceCollectionExtensions.OtlpEndpointKey, "http://127.0.0.1:9"), .. settings];
    }
}
