namespace BookingPortal.Features.Consistency;

/// <summary>One broken invariant, with the ids of everything involved (prefixed by kind: "slot:12", "booking:K7Q2M9XW").</summary>
public sealed record ConsistencyViolation(string Invariant, string Description, IReadOnlyList<string> Ids)
{
    /// <summary>One line with the ids, as the tests and the chaos benchmark report it.</summary>
    public override string ToString() => $"{Invariant}: {Description} [{string.Join(", ", Ids)}]";
}

/// <summary>The outcome of one run of <see cref="ConsistencyCheck"/>.</summary>
public sealed record ConsistencyReport(DateTimeOffset CheckedAt, TimeSpan Duration, IReadOnlyList<ConsistencyViolation> Violations)
{
    public bool IsClean => Violations.Count == 0;
}

/// <summary>The names the report gives each invariant (stable: logs and alerts match on them).</summary>
public static class ConsistencyInvariants
{
    /// <summary>A slot's counter equals the bookings holding a seat on it plus the waitlist offers holding one, within 0..Capacity.</summary>
    public const string SlotCounter = "slot-counter";

    /// <summary>A slot staff closed with "cancel its bookings" keeps none of the bookings it had then.</summary>
    public const string ClosedSlotCancelled = "closed-slot-cancelled";

    /// <summary>A used queue admission made at most one booking.</summary>
    public const string AdmissionUsedOnce = "admission-used-once";

    /// <summary>An offer holds one seat; a claimed offer is exactly one booking of the same customer and service.</summary>
    public const string WaitlistOffer = "waitlist-offer";

    /// <summary>A booking's ledger agrees with its status and payment.</summary>
    public const string Ledger = "ledger";

    /// <summary>One outbox row per event and channel.</summary>
    public const string OutboxOnce = "outbox-once";

    /// <summary>No two active appointments of one practitioner or one room overlap, buffers included (a class's seats share them).</summary>
    public const string OnePersonOnePlace = "one-person-one-place";
}
