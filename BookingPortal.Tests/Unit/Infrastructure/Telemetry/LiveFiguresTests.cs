using System.Diagnostics.Metrics;
using BookingPortal.Infrastructure.Telemetry;

namespace BookingPortal.Tests.Unit.Infrastructure.Telemetry;

/// <summary>The System page's aggregator over real instruments of a meter of its own (the portal's static meters are shared by parallel tests).</summary>
public sealed class LiveFiguresTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly Meter meter;
    private readonly LiveFigures live;

    public LiveFiguresTests()
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        live = new LiveFigures(clock, meters);
        meter = meters.Create("BookingPortal.LiveFiguresTests");
    }

    [Fact]
    public void Counters_count_over_the_last_minute_histograms_average_and_gauges_read_when_asked()
    {
        var refused = meter.CreateCounter<long>("test.refused");
        var latency = meter.CreateHistogram<double>("test.latency");
        var open = meter.CreateUpDownCounter<long>("test.open");
        var waiting = 0;
        meter.CreateObservableGauge("test.waiting", () => new Measurement<int>(waiting, new KeyValuePair<string, object?>("opening", 7)));

        refused.Add(2, new KeyValuePair<string, object?>("reason", "SlotFull"));
        latency.Record(0.010);
        latency.Record(0.030);
        open.Add(3);
        open.Add(-1);
        clock.Advance(TimeSpan.FromSeconds(30));
        refused.Add(1, new KeyValuePair<string, object?>("reason", "NotAdmitted"));
        waiting = 42;

        var now = live.Read();
        now.PerMinute("test.refused").Should().Be(3);
        now.PerMinuteBy("test.refused", "reason").Should().BeEquivalentTo(new Dictionary<string, double> { ["SlotFull"] = 2, ["NotAdmitted"] = 1 });
        now.MeanLastMinute("test.latency").Should().BeApproximately(0.020, 1e-9);
        now.Total("test.open").Should().Be(2);
        now.ObservedSum("test.waiting").Should().Be(42);

        clock.Advance(TimeSpan.FromSeconds(45));
        var later = live.Read();
        later.PerMinute("test.refused").Should().Be(1, "the first two are more than a minute old");
        later.MeanLastMinute("test.latency").Should().BeNull();
        later.Total("test.open").Should().Be(2, "an up-down counter is a running total, not a rate");
    }

    [Fact]
    public void The_System_figures_are_read_from_the_portals_instrument_names()
    {
        var snapshot = new FiguresSnapshot(
            new Dictionary<SeriesKey, (double, long)>
            {
                [new("bookingportal.bookings.booked", "")] = (12, 12),
                [new("bookingportal.bookings.refused", "reason=SlotFull")] = (5, 5),
                [new("bookingportal.booking.duration", "outcome=booked")] = (0.6, 12),
            },
            new Dictionary<SeriesKey, double> { [new("bookingportal.circuits.open", "")] = 340 },
            new Dictionary<SeriesKey, double>
            {
                [new("bookingportal.outbox.messages", "channel=Email,status=Pending")] = 9,
                [new("bookingportal.queue.waiting", "opening=1")] = 1200,
            });

        var figures = SystemFiguresReader.From(snapshot);

        figures.BookedPerMinute.Should().Be(12);
        figures.RefusedPerMinute.Should().ContainKey("SlotFull").WhoseValue.Should().Be(5);
        figures.BookingLatencyMs.Should().BeApproximately(50, 1e-9);
        figures.OpenCircuits.Should().Be(340);
        figures.OutboxPending["Email"].Should().Be(9);
        figures.OutboxFailed["Email"].Should().Be(0);
        figures.Waiting.Should().Be(1200);
        figures.SeatsLeft.Should().BeNull("no opening shows its seats");
        figures.DatabaseLatencyMs.Should().BeNull();
    }

    public void Dispose()
    {
        live.Dispose();
        services.Dispose();
    }
}
