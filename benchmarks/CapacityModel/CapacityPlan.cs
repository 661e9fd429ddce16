using System.Globalization;
using System.Text;

namespace CapacityModel;

/// <summary>
/// The project's measured figures (benchmarks/RESULTS.md) that the plan rests on; each says where it
/// comes from. Two are assumptions, not measurements, and are named so.
/// </summary>
public sealed record CapacityInputs
{
    /// <summary>Waiting-room circuits one 2-core instance holds with the update p95 under 2 s (10,000: p95 1,267 ms; 20,000: 2,656 ms).</summary>
    public double CircuitsPerInstance { get; init; } = 10_000;

    /// <summary>Server memory per circuit, RSS growth after a full GC, 10,000 circuits (2026-11-26 05:31).</summary>
    public double MemoryPerCircuitKb { get; init; } = 142.1;

    /// <summary>Memory of an instance with no circuits (assumption: a Release portal's working set at rest).</summary>
    public double BaseMemoryMb { get; init; } = 250;

    /// <summary>Circuits one instance opens per second: 10,000 in 40.3 s (2026-11-26 05:31).</summary>
    public double CircuitStartsPerSecond { get; init; } = 10_000 / 40.3;

    /// <summary>Booking batches of up to 100 cost about 25 statements (RESULTS.md, 2026-11-26); a booking alone about 12.</summary>
    public double StatementsPerBookingAlone { get; init; } = 12;

    /// <summary>Bookings per second of one PostgreSQL on 2 shared cores, 5,000 customers at once (1,964 /s, 2026-11-26 05:25).</summary>
    public double BookingsPerSecondMeasured { get; init; } = 1_964;

    /// <summary>Queries per read of one opening by one instance's broadcaster: live entries, release, service and seats left.</summary>
    public double BroadcasterQueriesPerRead { get; init; } = 4;

    /// <summary>Broadcaster full reads per second per watched opening per instance (once a second, and when the fingerprint moves).</summary>
    public double BroadcasterReadsPerSecond { get; init; } = 1;

    /// <summary>Fingerprint queries per second per watched opening per instance (every 200 ms): one aggregate row each.</summary>
    public double BroadcasterFingerprintsPerSecond { get; init; } = 5;

    /// <summary>Assumption: everyone arrives in the minute around the opening.</summary>
    public double ArrivalSeconds { get; init; } = 60;

    /// <summary>The release's admission rate (a setting): the booking load follows it, not the crowd.</summary>
    public double AdmissionsPerMinute { get; init; } = 1_000;

    /// <summary>Assumption, not measured here: rows per second one PostgreSQL can hand to the broadcasters while it also books.</summary>
    public double DatabaseRowsPerSecondBudget { get; init; } = 1_000_000;

    /// <summary>Instances kept beyond the need, so that losing one loses no capacity.</summary>
    public int SpareInstances { get; init; } = 1;
}

/// <summary>One line of the plan: what one release with <see cref="Waiting"/> people needs as the portal is built today.</summary>
public sealed record CapacityRow(
    int Waiting, int InstancesForCircuits, int InstancesForArrival, int Instances, double MemoryPerInstanceGb,
    double BroadcasterQueriesPerSecond, double WaitingRowsPerSecond, double BookingStatementsPerSecond, string Bottleneck);

public static class CapacityPlan
{
    public static readonly int[] Crowds = [10_000, 100_000, 1_000_000];

    public static CapacityRow For(int waiting, CapacityInputs inputs)
    {
        var forCircuits = (int)Math.Ceiling(waiting / inputs.CircuitsPerInstance);
        var forArrival = (int)Math.Ceiling(waiting / inputs.ArrivalSeconds / inputs.CircuitStartsPerSecond);
        var needed = Math.Max(forCircuits, forArrival);
        var instances = needed + inputs.SpareInstances;
        var circuitsEach = (double)waiting / needed;
        var memoryGb = (inputs.BaseMemoryMb + circuitsEach * inputs.MemoryPerCircuitKb / 1024) / 1024;
        // Every instance's broadcaster reads the opening itself, and the read returns every live entry; its fingerprints
        // scan the same entries in the database but hand over one row.
        var queries = instances * (inputs.BroadcasterQueriesPerRead * inputs.BroadcasterReadsPerSecond + inputs.BroadcasterFingerprintsPerSecond);
        var rows = instances * (double)waiting * inputs.BroadcasterReadsPerSecond;
        var bookings = Math.Min(inputs.AdmissionsPerMinute / 60, inputs.BookingsPerSecondMeasured);
        var statements = bookings * inputs.StatementsPerBookingAlone;
        return new CapacityRow(waiting, forCircuits, forArrival, instances, memoryGb, queries, rows, statements, Bottleneck(needed, forArrival > forCircuits, rows, inputs));
    }

    private static string Bottleneck(int needed, bool arrivalRules, double rows, CapacityInputs inputs) =>
        (needed, rows > inputs.DatabaseRowsPerSecondBudget) switch
        {
            (1, false) => "none: one instance holds it",
            (_, false) => arrivalRules ? "circuit start rate in the arrival minute" : "circuit memory",
            (< 20, true) => "broadcaster: each instance reads every waiting entry once a second",
            _ => (arrivalRules ? "circuit start rate" : "circuit memory") + " and the broadcaster's reads",
        };

    /// <summary>The table docs/CAPACITY.md shows, exactly as this prints it.</summary>
    public static string Table(CapacityInputs inputs)
    {
        var text = new StringBuilder()
            .AppendLine("| people waiting | instances for circuits | instances for the arrival minute | instances to run (+1 spare) | memory per instance | broadcaster queries/s | waiting rows read/s | booking statements/s | first bottleneck |")
            .AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var row in Crowds.Select(n => For(n, inputs)))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Waiting:N0} | {row.InstancesForCircuits:N0} | {row.InstancesForArrival:N0} | {row.Instances:N0} | {row.MemoryPerInstanceGb:0.0} GB | {row.BroadcasterQueriesPerSecond:N0} | {row.WaitingRowsPerSecond:N0} | {row.BookingStatementsPerSecond:N0} | {row.Bottleneck} |"));
        }

        return text.ToString();
    }
}
