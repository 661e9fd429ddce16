using System.Diagnostics.Metrics;

namespace BookingPortal.Infrastructure.Telemetry;

/// <summary>
/// Listens, in process, to the same instruments the exporters read (every meter named
/// BookingPortal.*) and keeps what the staff System page shows: counters and histograms over the
/// last minute, up-down counters as running totals, gauges as last observed. No second bookkeeping:
/// a figure exists here only because an instrument reported it.
/// </summary>
public sealed class LiveFigures : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<SeriesKey, RollingWindow> windows = new();
    private readonly ConcurrentDictionary<SeriesKey, double> totals = new();
    private ConcurrentDictionary<SeriesKey, double> observed = new();

    public LiveFigures(TimeProvider time, IMeterFactory meters)
    {
        this.time = time;
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Static meters have no scope; a factory's meters belong to one app (tests run several in a process).
            if (instrument.Meter.Name.StartsWith("BookingPortal.", StringComparison.Ordinal) && (instrument.Meter.Scope is null || instrument.Meter.Scope == meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        listener.Start();
    }

    /// <summary>Reads the gauges now and returns every series' figures.</summary>
    public FiguresSnapshot Read()
    {
        var fresh = new ConcurrentDictionary<SeriesKey, double>();
        lock (listener)
        {
            observed = fresh;
            listener.RecordObservableInstruments();
        }

        var now = NowSecond();
        var minute = windows.ToDictionary(w => w.Key, w => w.Value.LastMinute(now));
        return new FiguresSnapshot(minute, new Dictionary<SeriesKey, double>(totals), new Dictionary<SeriesKey, double>(fresh));
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = SeriesKey.Of(instrument.Name, tags);
        switch (instrument)
        {
            case Counter<long> or Counter<int> or Counter<double> or Histogram<long> or Histogram<int> or Histogram<double>:
                windows.GetOrAdd(key, _ => new RollingWindow()).Add(NowSecond(), value);
                break;
            case UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double>:
                totals.AddOrUpdate(key, value, (_, total) => total + value);
                break;
            default:
                observed[key] = value;
                break;
        }
    }

    private long NowSecond() => time.GetUtcNow().ToUnixTimeSeconds();

    public void Dispose() => listener.Dispose();
}

/// <summary>An instrument's name and its tags written as "k=v" in order, e.g. bookingportal.bookings.refused{reason=SlotFull}.</summary>
public readonly record struct SeriesKey(string Name, string Tags)
{
    public static SeriesKey Of(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        parts.Sort(StringComparer.Ordinal);
        return new SeriesKey(name, string.Join(',', parts));
    }

    /// <summary>The value of one tag, or null when the series has no such tag.</summary>
    public string? Tag(string tag) => Tags.Split(',').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == tag) is [_, var value] ? value : null;
}

/// <summary>What <see cref="LiveFigures"/> held at one moment.</summary>
public sealed record FiguresSnapshot(
    IReadOnlyDictionary<SeriesKey, (double Sum, long Count)> LastMinute,
    IReadOnlyDictionary<SeriesKey, double> Totals,
    IReadOnlyDictionary<SeriesKey, double> Observed)
{
    /// <summary>How much a counter added in the last minute, over all its series.</summary>
    public double PerMinute(string name) => LastMinute.Where(s => s.Key.Name == name).Sum(s => s.Value.Sum);

    public IReadOnlyDictionary<string, double> PerMinuteBy(string name, string tag) => LastMinute.Where(s => s.Key.Name == name && s.Value.Sum > 0)
        .GroupBy(s => s.Key.Tag(tag) ?? "")
        .ToDictionary(g => g.Key, g => g.Sum(s => s.Value.Sum));

    /// <summary>A histogram's mean over the last minute, or null when nothing was measured.</summary>
    public double? MeanLastMinute(string name)
    {
        var series = LastMinute.Where(s => s.Key.Name == name).Select(s => s.Value).ToList();
        var count = series.Sum(s => s.Count);
        return count == 0 ? null : series.Sum(s => s.Sum) / count;
    }

    public double Total(string name) => Totals.Where(s => s.Key.Name == name).Sum(s => s.Value);

    public double ObservedSum(string name, string? tag = null, string? value = null) =>
        Observed.Where(s => s.Key.Name == name && (tag is null || s.Key.Tag(tag) == value)).Sum(s => s.Value);
}
