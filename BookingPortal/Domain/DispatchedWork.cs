namespace BookingPortal.Domain;

/// <summary>
/// Durable work a dispatcher hands to a provider until the provider accepts it (an outbox message, a refund):
/// due at <see cref="NextAttemptAtUtc"/>, held by one dispatcher's <see cref="ClaimToken"/> until
/// <see cref="ClaimedUntilUtc"/> (a claim that outlives it is taken over), retried with backoff.
/// </summary>
public abstract class DispatchedWork
{
    public int Attempts { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public string? LastError { get; set; }
}
