using System.Security.Cryptography;

namespace BookingPortal.Domain;

/// <summary>
/// The order of a queue. Early arrivals are permuted by a keyed hash of their entry id under the
/// opening's secret seed: nobody can predict or improve their place by arriving at a particular
/// moment, and anyone holding the seed can recompute the same order for an audit.
/// </summary>
public static class QueueFairness
{
    public static string NewSeed() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public static IReadOnlyList<long> DrawOrder(IEnumerable<long> entryIds, string seed)
    {
        var key = Convert.FromHexString(seed);
        return entryIds
            .Select(id => (id, rank: HMACSHA256.HashData(key, BitConverter.GetBytes(id))))
            .OrderBy(x => x.rank, ByteOrder.Instance)
            .ThenBy(x => x.id)
            .Select(x => x.id)
            .ToList();
    }

    /// <summary>How many may be admitted now without exceeding the concurrent limit or the rate over the last minute.</summary>
    public static int AdmissionsAllowed(Release release, int admittedNow, int admittedInLastMinute) =>
        release.AdmissionPaused ? 0 : Math.Max(0, Math.Min(release.MaxConcurrentAdmissions - admittedNow, release.AdmissionRatePerMinute - admittedInLastMinute));

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => ((ReadOnlySpan<byte>)x).SequenceCompareTo(y);
    }
}
