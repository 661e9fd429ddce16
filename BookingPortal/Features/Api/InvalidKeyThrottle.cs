using System.Threading.RateLimiting;

namespace BookingPortal.Features.Api;

/// <summary>
/// Unknown or revoked keys, counted per address. The per-key limit runs after authorization, which answers a bad key
/// 401 first: a script stuck on a revoked key, or someone guessing, was never slowed, and each try cost a hash and a
/// lookup. An address that has sent as many bad keys in a window as one key may make requests is answered 429, with
/// no lookup, until the window ends (a good key from that address too: the address is all that is known of it).
/// </summary>
[SingletonService]
public sealed class InvalidKeyThrottle(IOptions<ApiOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> badKeys = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => options.Value.AllowanceWindow()));

    /// <returns>Null while the address may still try; otherwise how long it waits, when known.</returns>
    public TimeSpan? WaitFor(string address)
    {
        // A request for no permit asks whether any is left, taking none.
        using var lease = badKeys.AttemptAcquire(address, permitCount: 0);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(options.Value.WindowSeconds);
    }

    public void CountBadKey(string address)
    {
        using var lease = badKeys.AttemptAcquire(address);
    }

    public void Dispose() => badKeys.Dispose();
}
