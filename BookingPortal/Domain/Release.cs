namespace BookingPortal.Domain;

public enum FairnessMode
{
    /// <summary>Everyone who arrives before opening gets a random place among all early arrivals; after opening, first come first served.</summary>
    Strict,
}

/// <summary>
/// When booking opens for a service: once (<see cref="OpensAtUtc"/>) or every week on
/// <see cref="RecurringDays"/> at <see cref="RecurringLocalTime"/> in the service's zone; and how
/// the waiting room lets people in.
/// </summary>
public class Release
{
    public int Id { get; set; }
    public int ServiceId { get; set; }
    public required string Name { get; set; }

    public DateTime? OpensAtUtc { get; set; }

    /// <summary>
    /// When set, the release sells only the slots on these dates (inclusive, in the service's zone):
    /// "December's times open on 1 November at 9:00". Slots on other dates are not offered.
    /// </summary>
    public DateOnly? SlotsFrom { get; set; }
    public DateOnly? SlotsUntil { get; set; }
    public DaysOfWeekMask RecurringDays { get; set; }
    public TimeOnly RecurringLocalTime { get; set; }

    /// <summary>Members of this audience may enter <see cref="EarlyAccessMinutes"/> before everyone else.</summary>
    public int? EarlyAccessAudienceId { get; set; }
    public int EarlyAccessMinutes { get; set; }

    /// <summary>How long an admitted person has to book: ten minutes by default, so a "your turn" message can be read and acted on.</summary>
    public int AdmissionWindowSeconds { get; set; } = 600;
    public int MaxConcurrentAdmissions { get; set; } = 10;
    public int AdmissionRatePerMinute { get; set; } = 20;
    public bool RequireAuthentication { get; set; } = true;
    public FairnessMode FairnessMode { get; set; } = FairnessMode.Strict;
    public bool ShowRemainingSlots { get; set; } = true;

    /// <summary>Staff can hold admissions (an incident at the desk); the queue keeps its order meanwhile.</summary>
    public bool AdmissionPaused { get; set; }

    /// <summary>Arrivals before the opening prove a little work in their browser before their entry counts in the draw.</summary>
    public bool RequireProofOfWork { get; set; }

    public bool IsRecurring => RecurringDays != DaysOfWeekMask.None;

    public SlotDateRange SlotDates => new(SlotsFrom, SlotsUntil);

    public TimeSpan EarlyAccess => EarlyAccessAudienceId is null ? TimeSpan.Zero : TimeSpan.FromMinutes(EarlyAccessMinutes);
}

/// <summary>
/// One occurrence of a release opening, and its queue's bookkeeping. The seed is drawn when the
/// row is created and kept, so the random order of early arrivals can be recomputed for an audit;
/// customers never see it.
/// </summary>
public class ReleaseOpening
{
    public long Id { get; set; }
    public int ReleaseId { get; set; }
    public DateTime OpensAtUtc { get; set; }
    public DateTime EarlyOpensAtUtc { get; set; }
    public required string Seed { get; set; }
    public bool EarlyDrawn { get; set; }
    public bool PublicDrawn { get; set; }
    public long LastSequence { get; set; }

    /// <summary>The entry codes each draw ordered, in the order they counted, kept as drawn for anyone to check (<see cref="PublicDraw"/>).</summary>
    public string? EarlyDrawEntries { get; set; }
    public string? PublicDrawEntries { get; set; }

    /// <summary>Bumped at the start of every admission tick: the row lock makes ticks on different instances take turns.</summary>
    public long TickCount { get; set; }
}

public enum QueueEntryStatus
{
    Waiting,
    Admitted,
    Completed,
    Expired,
    Left,
}

/// <summary>
/// A place in one opening's queue: one per customer per opening. Where the release lets people
/// wait without an account, a visitor's place is known by a random key kept in their browser
/// (<see cref="VisitorKey"/>) until they sign in and it becomes theirs (<see cref="CustomerId"/>).
/// </summary>
public class QueueEntry
{
    public long Id { get; set; }
    public long OpeningId { get; set; }
    public string? CustomerId { get; set; }
    public string? VisitorKey { get; set; }
    public bool EarlyAccess { get; set; }
    public DateTime JoinedAtUtc { get; set; }

    /// <summary>The place in line; null until the entry is drawn (early arrivals) or numbered (later arrivals).</summary>
    public long? Sequence { get; set; }
    public QueueEntryStatus Status { get; set; }

    /// <summary>
    /// The entry's last admission, kept when it joins again so that the admission rate still counts it
    /// (see <see cref="ExpiresAtUtc"/> for whether it belongs to the current turn).
    /// </summary>
    public DateTime? AdmittedAtUtc { get; set; }

    /// <summary>The end of the current turn's admission window: null until this turn (first or after joining again) is admitted.</summary>
    public DateTime? ExpiresAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>The place this entry was drawn at, kept for its receipt when a later turn renumbers it.</summary>
    public long? DrawPlace { get; set; }

    /// <summary>The entry waits for its proof of work (or paced wait) and does not count yet.</summary>
    public bool ProofPending { get; set; }

    /// <summary>When the entry began to count, where that is not when it joined: its proof, or the end of a paced wait.</summary>
    public DateTime? CountsFromUtc { get; set; }

    /// <summary>The unsolved challenge, used once; null once solved.</summary>
    public string? ProofChallenge { get; set; }
    public int ProofDifficulty { get; set; }
    public DateTime? ProofExpiresAtUtc { get; set; }

    /// <summary>A keyed hash of the network (/24 or /64) the entry joined from, so repeated joins cost more; never the address.</summary>
    public string? JoinNetwork { get; set; }

    /// <summary>How to tell the customer their turn has come, chosen when joining; none unless they opt in.</summary>
    public ReminderChannels TurnMessageChannels { get; set; }

    /// <summary>When the "your turn" link was used; a use before the current admission belonged to an earlier turn.</summary>
    public DateTime? TurnLinkUsedAtUtc { get; set; }
}
