using System.Diagnostics.Metrics;

namespace BookingPortal.Features.Consistency;

/// <summary>Violations found by the consistency check (nightly, on demand, or after a chaos run): anything above zero pages someone.</summary>
public static class ConsistencyMetrics
{
    public static readonly Meter Meter = new("BookingPortal.Consistency");

    public const string ViolationsName = "bookingportal.consistency.violations";

    private static readonly Counter<long> Violations = Meter.CreateCounter<long>(ViolationsName, "{violation}", "Invariant violations found by the consistency check, by invariant.");

    public static void Found(ConsistencyReport report)
    {
        foreach (var violation in report.Violations)
        {
            Violations.Add(1, new KeyValuePair<string, object?>("invariant", violation.Invariant));
        }
    }
}
