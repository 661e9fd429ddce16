namespace BookingPortal.Domain;

/// <summary>When a failed delivery is tried again, and when the outbox gives up.</summary>
public static class DeliveryPolicy
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>
    /// Exponential backoff: base, 2×base, 4×base… capped at an hour, so a provider outage of
    /// minutes is ridden out without hammering it and an outage of hours still gets hourly tries.
    /// </summary>
    public static TimeSpan RetryDelay(int failedAttempts, TimeSpan baseDelay)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 20);
        var delay = TimeSpan.FromTicks(baseDelay.Ticks * (1L << exponent));
        return delay > LongestWait ? LongestWait : delay;
    }

    public static bool ShouldGiveUp(int failedAttempts, int maxAttempts) => failedAttempts >= maxAttempts;
}
