namespace BookingPortal.Tests.Integration.Chaos;

/// <summary>Every operation of the portal that touches a seat, an admission, an offer or money.</summary>
public enum ChaosOpKind
{
    Book,
    DoubleClickBook,
    StaffBook,
    Cancel,
    MoveAndBack,
    CancelRacingMove,
    PaymentWebhook,
    PaymentWebhookTwice,
    PaymentWebhookLate,
    ClockAndHoldExpiry,
    RefundsFailing,
    WaitlistJoin,
    WaitlistClaim,
    WaitlistDecline,
    WaitlistOfferExpiry,
    CloseSlot,
    ReopenSlot,
    AddSeat,
    EditCapacity,
    CheckIn,
    MarkNoShow,
    NoShowSweep,
    UndoNoShow,
    QueueJourney,
    QueueJoin,
    AdmissionTick,
    Approve,
    Decline,
    ApprovalLapse,
    BookPractitioner,
    MovePractitioner,
    TimeOffReassign,
}

/// <summary>
/// One planned operation. Its arguments are indexes into the chaos population (customers,
/// services, slots) and a <see cref="Pick"/> that chooses among the customer's bookings or offers
/// at the moment it runs: the plan is fixed by the seed, what it finds in the database is not.
/// </summary>
public sealed record ChaosOp(int Index, ChaosOpKind Kind, int Customer, int Service, int Slot, int OtherSlot, int Pick, bool Flag, TimeSpan Advance);

/// <summary>The plan of a chaos run: a pure function of the seed and the number of operations.</summary>
public static class ChaosSchedule
{
    /// <summary>How far the clock moves over a whole run, whatever its length: enough for holds, offers and admissions to lapse and a day of slots to pass.</summary>
    public static readonly TimeSpan TotalClockAdvance = TimeSpan.FromHours(30);

    /// <summary>How often each kind comes up, out of the sum of the weights.</summary>
    private static readonly (ChaosOpKind Kind, int Weight)[] Weights =
    [
        (ChaosOpKind.Book, 14),
        (ChaosOpKind.DoubleClickBook, 5),
        (ChaosOpKind.StaffBook, 3),
        (ChaosOpKind.Cancel, 8),
        (ChaosOpKind.MoveAndBack, 8),
        (ChaosOpKind.CancelRacingMove, 6),
        (ChaosOpKind.PaymentWebhook, 7),
        (ChaosOpKind.PaymentWebhookTwice, 4),
        (ChaosOpKind.PaymentWebhookLate, 3),
        (ChaosOpKind.ClockAndHoldExpiry, 3),
        (ChaosOpKind.RefundsFailing, 2),
        (ChaosOpKind.WaitlistJoin, 6),
        (ChaosOpKind.WaitlistClaim, 5),
        (ChaosOpKind.WaitlistDecline, 2),
        (ChaosOpKind.WaitlistOfferExpiry, 2),
        (ChaosOpKind.CloseSlot, 1),
        (ChaosOpKind.ReopenSlot, 3),
        (ChaosOpKind.AddSeat, 1),
        (ChaosOpKind.EditCapacity, 1),
        (ChaosOpKind.CheckIn, 3),
        (ChaosOpKind.MarkNoShow, 2),
        (ChaosOpKind.NoShowSweep, 2),
        (ChaosOpKind.UndoNoShow, 2),
        (ChaosOpKind.QueueJourney, 5),
        (ChaosOpKind.QueueJoin, 2),
        (ChaosOpKind.AdmissionTick, 2),
        (ChaosOpKind.Approve, 4),
        (ChaosOpKind.Decline, 2),
        (ChaosOpKind.ApprovalLapse, 2),
        (ChaosOpKind.BookPractitioner, 6),
        (ChaosOpKind.MovePractitioner, 4),
        (ChaosOpKind.TimeOffReassign, 2),
    ];

    public static IReadOnlyList<ChaosOp> Build(int seed, int operations)
    {
        var random = new Random(seed);
        var total = Weights.Sum(w => w.Weight);
        var ops = new List<ChaosOp>(operations);
        for (var index = 0; index < operations; index++)
        {
            var roll = random.Next(total);
            var kind = Weights.First(w => (roll -= w.Weight) < 0).Kind;
            var service = random.Next(ChaosWorld.ServiceCount);
            // Mostly a short step (holds and admissions lapse); now and then hours (offers lapse, slots start).
            var minutes = random.Next(5) == 0 ? random.Next(60, 181) : random.Next(1, 7);
            ops.Add(new ChaosOp(
                index,
                kind,
                Customer: random.Next(ChaosWorld.CustomerCount),
                Service: service,
                Slot: random.Next(ChaosWorld.SlotsPerService),
                OtherSlot: random.Next(ChaosWorld.SlotsPerService),
                Pick: random.Next(1000),
                Flag: random.Next(2) == 0,
                Advance: TimeSpan.FromMinutes(minutes)));
        }

        // The clock's steps are scaled so that a run of any length covers the same span of time.
        var planned = (decimal)ops.Where(o => o.Kind == ChaosOpKind.ClockAndHoldExpiry).Sum(o => o.Advance.Ticks);
        return planned == 0
            ? ops
            : ops.Select(o => o with { Advance = o.Kind == ChaosOpKind.ClockAndHoldExpiry ? TimeSpan.FromTicks((long)((decimal)o.Advance.Ticks * TotalClockAdvance.Ticks / planned)) : TimeSpan.Zero }).ToList();
    }

    /// <summary>The seed to run: CHAOS_SEED when set (to replay a run), else a new one.</summary>
    /// <summary>The suite's fixed seed, so every run plans the same operations (CHAOS_SEED=random draws one, printed, for exploring).</summary>
    public const int DefaultSeed = 20261203;

    public static int SeedFromEnvironment() => Environment.GetEnvironmentVariable("CHAOS_SEED") switch
    {
        "random" => Random.Shared.Next(),
        var given when int.TryParse(given, out var seed) => seed,
        _ => DefaultSeed,
    };
}
