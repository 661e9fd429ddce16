namespace BookingPortal.Domain;

/// <summary>
/// The order of a queue. Early arrivals are drawn under the opening's secret seed, whose hash is
/// published beforehand and which is revealed after the draw (<see cref="PublicDraw"/>): nobody can
/// predict or improve their place by arriving at a particular moment, and anyone can check the order.
/// </summary>
public static class QueueFairness
{
    public static string NewSeed() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The drawn order of these entries, given in the order they counted (see <see cref="PublicDraw"/>).</summary>
    public static IReadOnlyList<long> DrawOrder(IEnumerable<long> entryIdsInJoinOrder, string seed)
    {
        var byCode = entryIdsInJoinOrder.ToDictionary(id => PublicDraw.EntryCode(seed, id));
        return PublicDraw.Order(seed, byCode.Keys.ToList()).Select(code => byCode[code]).ToList();
    }

    /// <summary>How many may be admitted now without exceeding the concurrent limit or the rate over the last minute.</summary>
    public static int AdmissionsAllowed(Release release, int admittedNow, int admittedInLastMinute) =>
        release.AdmissionPaused ? 0 : Math.Max(0, Math.Min(release.MaxConcurrentAdmissions - admittedNow, release.AdmissionRatePerMinute - admittedInLastMinute));
}
