using System.Diagnostics.Metrics;

namespace BookingPortal.Infrastructure.Telemetry;

/// <summary>
/// Bucket boundaries for durations recorded in seconds. Without them the SDK's default buckets
/// (0 to 10,000, meant for milliseconds) would put every booking and query in the first two.
/// </summary>
public static class SecondsBuckets
{
    public static readonly InstrumentAdvice<double> Advice = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };
}
