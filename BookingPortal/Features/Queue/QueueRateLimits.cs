using System.Threading.RateLimiting;

namespace BookingPortal.Features.Queue;

/// <summary>
/// Limits per user and per network address on joining and on booking, so a script or a stuck
/// button cannot hammer them. Addresses get more room than users: a clinic's Wi-Fi puts many
/// people behind one address.
/// </summary>
[SingletonService]
public sealed class QueueRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> joins = Limiter(perUser: 5, perAddress: 60);
    private readonly PartitionedRateLimiter<string> reservations = Limiter(perUser: 20, perAddress: 200);

    private static PartitionedRateLimiter<string> Limiter(int perUser, int perAddress) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = key.StartsWith("user:", StringComparison.Ordinal) ? perUser : perAddress,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryJoin(string userId, string? address) => Acquire(joins, userId, address);

    public bool TryReserve(string userId, string? address) => Acquire(reservations, userId, address);

    private static bool Acquire(PartitionedRateLimiter<string> limiter, string userId, string? address)
    {
        using var byUser = limiter.AttemptAcquire("user:" + userId);
        if (!byUser.IsAcquired)
        {
            return false;
        }

        if (address is null)
        {
            return true;
        }

        using var byAddress = limiter.AttemptAcquire("ip:" + address);
        return byAddress.IsAcquired;
    }

    public void Dispose()
    {
        joins.Dispose();
        reservations.Dispose();
    }
}
