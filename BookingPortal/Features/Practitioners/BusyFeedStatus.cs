namespace BookingPortal.Features.Practitioners;

/// <summary>The last read of one practitioner's outside calendar: when, how many busy periods, or what went wrong.</summary>
public sealed record BusyFeedRead(DateTime AtUtc, int Periods, string? Error);

/// <summary>
/// What this instance's last reads of the outside calendars found, for the practitioner's page. Kept in memory,
/// like the jobs page's last runs: the busy periods themselves are in the database, and the next read is minutes away.
/// </summary>
[SingletonService]
public sealed class BusyFeedStatus
{
    private readonly ConcurrentDictionary<int, BusyFeedRead> reads = new();

    public BusyFeedRead? LastRead(int practitionerId) => reads.TryGetValue(practitionerId, out var read) ? read : null;

    public void Record(int practitionerId, BusyFeedRead read) => reads[practitionerId] = read;
}
