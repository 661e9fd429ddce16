using Microsoft.EntityFrameworkCore.Query;

namespace BookingPortal.Data;

/// <summary>
/// How a dispatcher (the outbox's, the refunds') holds a row of <see cref="DispatchedWork"/> while it sends it:
/// taken by a conditional update only while the row is still due, and given back by the update that records the
/// provider's answer, which only the holder of the claim's token can make.
/// </summary>
public static class DispatchClaims
{
    /// <param name="stillDue">The row, filtered on being due at <paramref name="claimedAtUtc"/>.</param>
    /// <param name="markSending">Sets the row's own Sending status.</param>
    /// <param name="claimedAtUtc">
    /// When the claim is taken, not when the batch started: sends before it in the batch may have taken minutes,
    /// and a claim already over when it is taken lets a second dispatcher send the row while this one still does.
    /// </param>
    /// <returns>The claim's token, or null when another dispatcher holds the row or it is no longer due.</returns>
    public static async Task<Guid?> TakeAsync<TWork>(
        IQueryable<TWork> stillDue, Action<UpdateSettersBuilder<TWork>> markSending, DateTime claimedAtUtc, int claimTimeoutSeconds, CancellationToken cancellationToken)
        where TWork : DispatchedWork
    {
        var claim = Guid.NewGuid();
        var claimed = await stillDue.ExecuteUpdateAsync(row =>
        {
            markSending(row);
            row.SetProperty(x => x.ClaimToken, claim)
                .SetProperty(x => x.ClaimedUntilUtc, claimedAtUtc.AddSeconds(claimTimeoutSeconds));
        }, cancellationToken);
        return claimed == 1 ? claim : null;
    }

    /// <summary>The provider's answer (or the reason nothing was sent) recorded and the claim given back, in one update.</summary>
    public static UpdateSettersBuilder<TWork> Answered<TWork>(
        this UpdateSettersBuilder<TWork> row, int attempts, DateTime nextAttemptAtUtc, DateTime? sentAtUtc, string? lastError)
        where TWork : DispatchedWork =>
        row.SetProperty(x => x.Attempts, attempts)
            .SetProperty(x => x.NextAttemptAtUtc, nextAttemptAtUtc)
            .SetProperty(x => x.SentAtUtc, sentAtUtc)
            .SetProperty(x => x.LastError, lastError)
            .SetProperty(x => x.ClaimToken, (Guid?)null)
            .SetProperty(x => x.ClaimedUntilUtc, (DateTime?)null);
}
