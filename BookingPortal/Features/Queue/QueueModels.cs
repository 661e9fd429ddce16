namespace BookingPortal.Features.Queue;

public enum QueueStage
{
    /// <summary>The service has no release: booking is always open.</summary>
    NoRelease,

    /// <summary>Before this customer's opening (the early-access one for its audience): countdown, and joining early gives a random place.</summary>
    NotOpenYet,

    Waiting,
    Admitted,

    /// <summary>The admission window lapsed before a booking was made.</summary>
    Expired,

    /// <summary>The customer booked (or left): they can join again to book another.</summary>
    Finished,
    SoldOut,
}

/// <summary>Everything the waiting room shows one customer. Positions are counted from 1.</summary>
public sealed record WaitingRoomState(
    QueueStage Stage,
    int ServiceId,
    Release? Release,
    long? OpeningId,
    DateTime? OpensAtUtc,
    DateTime? MyOpeningAtUtc,
    bool EarlyAccess,
    QueueEntry? Entry,
    long? Position,
    WaitEstimate? Estimate,
    int? RemainingSeats)
{
    public long PeopleAhead => Position is { } p ? p - 1 : 0;

    /// <summary>The customer's receipt for the opening's draw: their entry's public code and drawn place.</summary>
    public DrawReceipt? Receipt { get; init; }

    /// <summary>What admission made of the ranked choices saved during this turn's wait: booked, or all taken; null without choices.</summary>
    public RankedChoiceSet? RankedOutcome { get; init; }

    /// <summary>
    /// The place waits for an account with a confirmed address (a visitor's, or an unconfirmed account's): admission passes
    /// over it until one holds it, keeping its number, so its turn starts only then (see LiveOpenings.Admissible).
    /// </summary>
    public bool PassedOver { get; init; }

    /// <summary>
    /// The seats left as counted for the stage, also where the release hides them (<see cref="RemainingSeats"/> is the count
    /// shown); null where nothing depends on it (a place in line of a release that hides it).
    /// </summary>
    public int? SeatsLeft { get; init; }

    public static WaitingRoomState Open(int serviceId) => new(QueueStage.NoRelease, serviceId, null, null, null, null, false, null, null, null, null);
}

/// <summary>
/// Who stands in a queue: a signed-in customer, or, where the release lets people wait without an
/// account, a visitor known by the random key in their browser's cookie.
/// </summary>
public readonly record struct QueueMember(string? CustomerId, string? VisitorKey)
{
    public static QueueMember Customer(string? customerId) => new(customerId, null);

    public static QueueMember Of(string? customerId, string? visitorKey) => customerId is null ? new(null, visitorKey) : new(customerId, null);

    public bool IsSignedIn => CustomerId is not null;

    public bool IsKnown => CustomerId is not null || VisitorKey is not null;

    /// <summary>The rate limiter's partition: the account, else the browser.</summary>
    public string LimitKey => CustomerId ?? "visitor:" + VisitorKey;

    internal System.Linq.Expressions.Expression<Func<QueueEntry, bool>> Owns()
    {
        var (customerId, visitorKey) = (CustomerId, VisitorKey);
        return customerId is not null ? e => e.CustomerId == customerId : e => e.CustomerId == null && e.VisitorKey == visitorKey;
    }
}

/// <summary>The opening a customer's queue entry belongs to, and when it starts for them.</summary>
internal sealed record OpeningTarget(ReleaseOpening Opening, bool EarlyAccess, DateTime StartsForCustomerUtc);

/// <summary>How a request to join a waiting room ended; pages word it in the customer's language (<see cref="JoinOutcomeText"/>).</summary>
public enum JoinOutcome
{
    Joined,
    AlreadyIn,
    NoRelease,
    SignInRequired,
    TooManyAttempts,

    /// <summary>Identity:RequireConfirmedEmail is on and the account's address is not confirmed: scripted accounts get no place in the draw.</summary>
    ConfirmEmailFirst,
}

public sealed record JoinResult(JoinOutcome Outcome, QueueEntry? Entry)
{
    /// <summary>Whether the customer now has a place (new, again at the back, or the one they already had).</summary>
    public bool HasPlace => Outcome is JoinOutcome.Joined or JoinOutcome.AlreadyIn;
}

/// <summary>One read of an opening's queue, shared by every waiting-room circuit of that opening.</summary>
public sealed record QueueSnapshot(long OpeningId, long[] WaitingSequences, IReadOnlySet<long> AdmittedEntryIds, int? RemainingSeats, DateTime TakenAtUtc)
{
    /// <summary>How the opening has gone so far, for everyone's wait estimate.</summary>
    public OpeningPace Pace { get; init; } = OpeningPace.NotStarted;

    /// <summary>
    /// The waiting sequences admission can take (<see cref="LiveOpenings.Admissible(AccountRules, BookingDbContext, IQueryable{QueueEntry})"/>),
    /// ascending; the same array as <see cref="WaitingSequences"/> where it takes them all.
    /// </summary>
    public long[]? AdmissibleSequences { get; init; }

    /// <summary>1-based place of a waiting entry with this sequence among the places that count, by binary search: no query per circuit.</summary>
    public long PositionOf(long sequence)
    {
        var index = Array.BinarySearch(AdmissibleSequences ?? WaitingSequences, sequence);
        return (index >= 0 ? index : ~index) + 1;
    }
}
