using System.Linq.Expressions;
using BookingPortal.Features.Approval;

namespace BookingPortal.Tests.Integration.Chaos;

/// <summary>How an operation ended for its caller.</summary>
public enum ChaosOutcome
{
    Succeeded,

    /// <summary>A result object saying no (slot full, offer ended, nothing to cancel…): the product working.</summary>
    Refused,

    /// <summary>The operation found nothing of the customer's to act on (no pending booking to pay, no offer to claim).</summary>
    NoTarget,

    /// <summary>The payment provider refused (a refund while refunds fail): the webhook answers 500 and the provider delivers again.</summary>
    ProviderFailed,

    /// <summary>An exception reached the caller: a deadlock, a serialization failure, "database is locked"… always a finding.</summary>
    Threw,
}

/// <param name="AdvanceClock">Moves the portal's clock (the FakeTimeProvider the portal runs on).</param>
/// <param name="SetRefundsFailing">Makes the payment provider refuse refunds, or accept them again; null when it cannot.</param>
public sealed record ChaosSettings(int Workers, Action<TimeSpan> AdvanceClock, Action<bool>? SetRefundsFailing = null);

public sealed record ChaosException(int OpIndex, string Label, string Type, string Message, string TopFrames);

/// <summary>
/// Runs a chaos schedule against a running portal: N workers take the planned operations in
/// order and call the portal's own services as its pages, API and jobs do, each in a scope of its
/// own. Races are real (the workers overlap, and some operations fire two calls at once); what
/// each call answered is counted per operation and outcome.
/// </summary>
public sealed partial class ChaosRun(IServiceProvider services, ChaosWorld world, ChaosSettings settings)
{
    private readonly ConcurrentDictionary<(string Label, ChaosOutcome Outcome), int> counts = new();
    private readonly ConcurrentDictionary<string, int> refusals = new();
    private readonly ConcurrentQueue<ChaosException> exceptions = new();
    private readonly ConcurrentQueue<string> anomalies = new();
    private readonly StaffActor staff = new(world.StaffId, "Chaos staff", IsStaff: true, IsAdmin: false);
    private int done;

    /// <summary>Operations finished so far, for a runner that reports progress (or stops an instance halfway).</summary>
    public int Done => Volatile.Read(ref done);

    public async Task<ChaosReport> RunAsync(IReadOnlyList<ChaosOp> ops, CancellationToken cancellationToken = default)
    {
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < ops.Count && !cancellationToken.IsCancellationRequested)
            {
                await RunOneAsync(ops[index]);
            }
        }, CancellationToken.None)));
        wall.Stop();
        return new ChaosReport(world.Seed, ops.Count, settings.Workers, wall.Elapsed,
            new Dictionary<(string, ChaosOutcome), int>(counts), new Dictionary<string, int>(refusals), exceptions.ToList(), anomalies.ToList());
    }

    private async Task RunOneAsync(ChaosOp op)
    {
        var label = op.Kind.ToString();
        try
        {
            await (op.Kind switch
            {
                ChaosOpKind.Book => BookAsync(op, label, actingStaff: false),
                ChaosOpKind.StaffBook => BookAsync(op, label, actingStaff: true),
                ChaosOpKind.DoubleClickBook => DoubleClickAsync(op),
                ChaosOpKind.Cancel => CancelAsync(op),
                ChaosOpKind.MoveAndBack => MoveAndBackAsync(op),
                ChaosOpKind.CancelRacingMove => CancelRacingMoveAsync(op),
                ChaosOpKind.PaymentWebhook => WebhookAsync(op, label, times: 1, InStatus(BookingStatus.PendingPayment)),
                ChaosOpKind.PaymentWebhookTwice => WebhookAsync(op, label, times: 2, InStatus(BookingStatus.PendingPayment)),
                // Any booking with a deposit, whatever became of it: a payment that lands after the hold lapsed or the booking was cancelled.
                ChaosOpKind.PaymentWebhookLate => WebhookAsync(op, label, times: 1, b => b.DepositAmount > 0),
                ChaosOpKind.ClockAndHoldExpiry => ClockAndHoldExpiryAsync(op),
                ChaosOpKind.RefundsFailing => RefundsFailingAsync(op),
                ChaosOpKind.WaitlistJoin => WaitlistJoinAsync(op),
                ChaosOpKind.WaitlistClaim => WaitlistClaimAsync(op),
                ChaosOpKind.WaitlistDecline => WaitlistDeclineAsync(op),
                ChaosOpKind.WaitlistOfferExpiry => Scoped<WaitlistService>(op, label, async w => Count(label, await w.ExpireOffersAsync())),
                ChaosOpKind.CloseSlot => Scoped<SlotCalendarService>(op, label, async c =>
                    Record(label, (await c.CloseSlotAsync(staff, ServiceId(op), world.SlotStart(op.Service, op.Slot), cancelBookings: op.Flag)).SlotsClosed == 1)),
                ChaosOpKind.ReopenSlot => ReopenSlotAsync(op),
                ChaosOpKind.AddSeat => Scoped<SlotCapacityService>(op, label, async c =>
                {
                    var result = await c.AddSeatsAsync(staff, ServiceId(op), world.SlotStart(op.Service, op.Slot), 1);
                    Record(label, result.Outcome == CapacityChangeOutcome.Changed, result.Outcome.ToString());
                }),
                ChaosOpKind.EditCapacity => EditCapacityAsync(op),
                ChaosOpKind.CheckIn => CheckInAsync(op),
                ChaosOpKind.MarkNoShow => MarkNoShowAsync(op),
                ChaosOpKind.NoShowSweep => Scoped<FrontDeskService>(op, label, async f => Count(label, await f.SweepNoShowsAsync())),
                ChaosOpKind.UndoNoShow => OnBookingAsync(op, label, InStatus(BookingStatus.NoShow), async (s, b) =>
                    await s.GetRequiredService<FrontDeskService>().UndoNoShowAsync(staff, b.Id) == UndoNoShowOutcome.Undone),
                ChaosOpKind.QueueJourney => QueueJourneyAsync(op),
                ChaosOpKind.QueueJoin => QueueJoinAsync(op, label),
                ChaosOpKind.AdmissionTick => Scoped<AdmissionController>(op, label, async a => Count(label, await a.TickAllAsync())),
                ChaosOpKind.Approve => OnBookingAsync(op, label, InStatus(BookingStatus.AwaitingApproval), async (s, b) =>
                    (await s.GetRequiredService<BookingApprovals>().ApproveAsync(staff, b.Id)).Succeeded),
                ChaosOpKind.Decline => OnBookingAsync(op, label, InStatus(BookingStatus.AwaitingApproval), async (s, b) =>
                    (await s.GetRequiredService<BookingApprovals>().DeclineAsync(staff, b.Id, "Not this time.")).Succeeded),
                ChaosOpKind.ApprovalLapse => Scoped<ApprovalLapseService>(op, label, async l => Count(label, await l.LapseDueAsync())),
                ChaosOpKind.BookPractitioner => BookPractitionerAsync(op),
                ChaosOpKind.MovePractitioner => MovePractitionerAsync(op),
                ChaosOpKind.TimeOffReassign => TimeOffReassignAsync(op),
                _ => throw new InvalidOperationException($"No chaos operation for {op.Kind}."),
            });
        }
        catch (Exception ex)
        {
            // Only the run's own look-ups that choose a target get here; each call to the portal records its own.
            Threw(op, label + " (choosing a target)", ex);
        }

        Interlocked.Increment(ref done);
    }

    private async Task BookAsync(ChaosOp op, string label, bool actingStaff)
    {
        var request = new ReserveRequest(Customer(op), ServiceId(op), world.SlotStart(op.Service, op.Slot), Key(op), actingStaff ? world.StaffId : null);
        await Call(op, label, async s => Record(label, await s.GetRequiredService<BookingService>().ReserveAsync(request)));
    }

    /// <summary>One booking attempt sent twice at once with the same idempotency key: both must answer with the same booking, or both refuse.</summary>
    private async Task DoubleClickAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.DoubleClickBook);
        var request = new ReserveRequest(Customer(op), ServiceId(op), world.SlotStart(op.Service, op.Slot), Key(op));
        var answers = new ReserveResult?[2];
        await AtOnceAsync(
            () => Call(op, label, async s => Record(label, answers[0] = await s.GetRequiredService<BookingService>().ReserveAsync(request))),
            () => Call(op, label, async s => Record(label, answers[1] = await s.GetRequiredService<BookingService>().ReserveAsync(request))));
        // Both booked must mean the same booking. One refused and one booked is a possible serial order
        // here: the first was answered "full" before another worker's cancellation freed a seat, and
        // a refusal is not kept as the key's answer (the repeat is judged anew, as a customer clicking
        // again would want).
        if (answers is [{ Succeeded: true } first, { Succeeded: true } second] && first.Booking!.Id != second.Booking!.Id)
        {
            anomalies.Enqueue($"op {op.Index}: a double click was answered differently: {Describe(first)} and {Describe(second)}.");
        }
    }

    private Task CancelAsync(ChaosOp op) =>
        OnBookingAsync(op, nameof(ChaosOpKind.Cancel), InStatus(BookingStatus.PendingPayment, BookingStatus.Confirmed, BookingStatus.AwaitingApproval), async (s, b) =>
            (await s.GetRequiredService<CancellationService>().CancelAsync(CancelRequestFor(op, b))).Succeeded);

    /// <summary>A move to another slot, then back to where it was.</summary>
    private async Task MoveAndBackAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.MoveAndBack);
        var booking = await PickBookingAsync(op, label, InStatus(BookingStatus.PendingPayment, BookingStatus.Confirmed));
        if (booking is null)
        {
            return;
        }

        var moved = false;
        await Call(op, label, async s => moved = Record(label, await s.GetRequiredService<BookingMover>().RescheduleAsync(MoveRequest(op, booking, OtherSlot(op, booking)))));
        if (moved)
        {
            await Call(op, label + "/back", async s => Record(label + "/back", await s.GetRequiredService<BookingMover>().RescheduleAsync(MoveRequest(op, booking, booking.StartUtc))));
        }
    }

    /// <summary>The customer cancels in one tab while moving the same booking in another.</summary>
    private async Task CancelRacingMoveAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.CancelRacingMove);
        var booking = await PickBookingAsync(op, label, InStatus(BookingStatus.PendingPayment, BookingStatus.Confirmed));
        if (booking is null)
        {
            return;
        }

        await AtOnceAsync(
            () => Call(op, label + "/cancel", async s => Record(label + "/cancel", (await s.GetRequiredService<CancellationService>().CancelAsync(CancelRequestFor(op, booking))).Succeeded, "not active")),
            () => Call(op, label + "/move", async s => Record(label + "/move", await s.GetRequiredService<BookingMover>().RescheduleAsync(MoveRequest(op, booking, OtherSlot(op, booking))))));
    }

    /// <summary>The provider's "deposit paid" webhook for one of the customer's bookings, delivered once or twice at once.</summary>
    private async Task WebhookAsync(ChaosOp op, string label, int times, Expression<Func<Booking, bool>> which)
    {
        var booking = await PickBookingAsync(op, label, which);
        if (booking is null)
        {
            return;
        }

        // The provider's payment id is one per booking: a redelivery carries the same one.
        var deliver = () => Call(op, label, async s =>
        {
            await s.GetRequiredService<PaymentService>().RecordDepositPaidAsync(booking.Id, $"pi_chaos_{booking.Id:N}", booking.DepositAmount);
            Record(label, ChaosOutcome.Succeeded);
        });
        await (times == 1 ? deliver() : AtOnceAsync(deliver, deliver));
    }

    private async Task ClockAndHoldExpiryAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.ClockAndHoldExpiry);
        settings.AdvanceClock(op.Advance);
        await Scoped<HoldExpiryService>(op, label, async h => Count(label, await h.ExpireDueHoldsAsync()));
        // The refund job's turn on the same clock: refunds owed go out, or wait for the next turn while the provider is down.
        await Scoped<RefundDispatcher>(op, "RefundJob", async r => Count("RefundJob", await r.DispatchDueAsync()));
    }

    private Task RefundsFailingAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.RefundsFailing);
        if (settings.SetRefundsFailing is not { } set)
        {
            Record(label, ChaosOutcome.NoTarget);
            return Task.CompletedTask;
        }

        set(op.Flag);
        Record(label, ChaosOutcome.Succeeded);
        return Task.CompletedTask;
    }

    private Task WaitlistJoinAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.WaitlistJoin);
        var start = world.SlotStart(op.Service, op.Slot);
        return Call(op, label, async s =>
        {
            var result = await s.GetRequiredService<WaitlistJoining>().JoinAsync(Customer(op), ServiceId(op), DateOnly.FromDateTime(start), op.Flag ? start : null);
            Record(label, result.Succeeded, result.Outcome.ToString());
        });
    }

    private async Task WaitlistClaimAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.WaitlistClaim);
        var entry = await PickWaitlistEntryAsync(op, label, e => e.Status == WaitlistStatus.Offered);
        if (entry is null)
        {
            return;
        }

        await Call(op, label, async s => Record(label, await s.GetRequiredService<WaitlistService>().ClaimAsync(entry.Id, entry.CustomerId)));
    }

    private async Task WaitlistDeclineAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.WaitlistDecline);
        var entry = await PickWaitlistEntryAsync(op, label, e => e.Status == WaitlistStatus.Offered || e.Status == WaitlistStatus.Waiting);
        if (entry is null)
        {
            return;
        }

        await Call(op, label, async s => Record(label, await s.GetRequiredService<WaitlistService>().LeaveAsync(entry.Id, entry.CustomerId), "not waiting"));
    }

    /// <summary>Staff set every slot of the service to 1, 2 or 3 seats; refused when a slot already has more booked.</summary>
    private Task EditCapacityAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.EditCapacity);
        return Call(op, label, async s =>
        {
            var admin = s.GetRequiredService<ServiceAdminService>();
            var draft = await admin.GetDraftAsync(staff, ServiceId(op)) ?? throw new InvalidOperationException("The chaos service is gone.");
            foreach (var template in draft.TimeSlots)
            {
                template.Capacity = 1 + (op.Pick % 3);
            }

            var result = await admin.SaveAsync(staff, draft);
            Record(label, result.Succeeded, result.Errors.Count > 0 ? "booked above the new capacity" : "refused");
        });
    }

    /// <summary>Staff reopen one of the closed slots (the op's pick), or find none closed.</summary>
    private async Task ReopenSlotAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.ReopenSlot);
        var serviceIds = world.Services.ToList();
        await using var db = await services.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync();
        var closed = await db.SlotInventories.AsNoTracking().Where(i => serviceIds.Contains(i.ServiceId) && i.IsClosed).OrderBy(i => i.Id).ToListAsync();
        if (Pick(op, label, closed) is not { } slot)
        {
            return;
        }

        await Call(op, label, async s => Record(label, await s.GetRequiredService<SlotCalendarService>().ReopenSlotAsync(staff, slot.ServiceId, slot.StartUtc), "was open"));
    }

    /// <summary>
    /// The desk checks in a customer who has arrived: a confirmed appointment starting within the
    /// twelve hours (the clock moves in steps of hours at times) or started up to half an hour ago; the others are left to become no-shows.
    /// </summary>
    private Task CheckInAsync(ChaosOp op)
    {
        var nowUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var (from, to) = (nowUtc.AddMinutes(-30), nowUtc.AddHours(12));
        return OnBookingAsync(op, nameof(ChaosOpKind.CheckIn), b => b.Status == BookingStatus.Confirmed && b.StartUtc >= from && b.StartUtc <= to,
            (s, b) => s.GetRequiredService<FrontDeskService>().CheckInAsync(staff, b.Id));
    }

    private Task MarkNoShowAsync(ChaosOp op)
    {
        var nowUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return OnBookingAsync(op, nameof(ChaosOpKind.MarkNoShow), b => b.Status == BookingStatus.Confirmed && b.StartUtc <= nowUtc,
            (s, b) => s.GetRequiredService<FrontDeskService>().MarkNoShowAsync(staff, b.Id));
    }

    /// <summary>The waiting room as a customer goes through it: join, a tick of the admission controller, and a booking if let in.</summary>
    private async Task QueueJourneyAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.QueueJourney);
        await QueueJoinAsync(op, label + "/join");
        await Scoped<AdmissionController>(op, label + "/tick", async a => Count(label + "/tick", await a.TickAllAsync()));
        var request = new ReserveRequest(Customer(op), world.Services[ChaosWorld.ReleasedServiceIndex], world.SlotStart(ChaosWorld.ReleasedServiceIndex, op.Slot), Key(op));
        await Call(op, label + "/book", async s => Record(label + "/book", await s.GetRequiredService<BookingService>().ReserveAsync(request)));
    }

    private Task QueueJoinAsync(ChaosOp op, string label) => Call(op, label, async s =>
    {
        var result = await s.GetRequiredService<QueueService>().JoinAsync(world.Services[ChaosWorld.ReleasedServiceIndex], Customer(op), clientAddress: null);
        Record(label, result.Outcome is JoinOutcome.Joined or JoinOutcome.AlreadyIn, result.Outcome.ToString());
        // A rejoin reuses the customer's entry, and the consistency check tells the bookings of a turn by the instant
        // the turn was used: a person's next turn comes later than their last booking, so the clock moves on here
        // (on a frozen clock, two turns of one entry used at the same instant would read as one turn used twice).
        settings.AdvanceClock(TimeSpan.FromMilliseconds(1));
    });

    /// <summary>Runs <paramref name="act"/> on one of the customer's bookings chosen by the op's pick, or records that there was none.</summary>
    private async Task OnBookingAsync(ChaosOp op, string label, Expression<Func<Booking, bool>> which, Func<IServiceProvider, Booking, Task<bool>> act)
    {
        var booking = await PickBookingAsync(op, label, which);
        if (booking is null)
        {
            return;
        }

        await Call(op, label, async s => Record(label, await act(s, booking), "nothing changed"));
    }

    /// <summary>
    /// One of the run's bookings in the state the operation needs, chosen by the op's pick (its
    /// owner acts on it, or staff do): any booking in play, so operations on one booking collide
    /// as often as they would on a busy day. None is recorded as no target.
    /// </summary>
    private async Task<Booking?> PickBookingAsync(ChaosOp op, string label, Expression<Func<Booking, bool>> which)
    {
        var serviceIds = world.Services.ToList();
        await using var db = await services.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync();
        var candidates = await db.Bookings.AsNoTracking().Where(b => serviceIds.Contains(b.ServiceId)).Where(which)
            .OrderBy(b => b.CreatedAtUtc).ThenBy(b => b.Id).ToListAsync();
        return Pick(op, label, candidates);
    }

    private async Task<WaitlistEntry?> PickWaitlistEntryAsync(ChaosOp op, string label, Expression<Func<WaitlistEntry, bool>> which)
    {
        var serviceIds = world.Services.ToList();
        await using var db = await services.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync();
        var candidates = await db.WaitlistEntries.AsNoTracking().Where(e => serviceIds.Contains(e.ServiceId)).Where(which).OrderBy(e => e.Id).ToListAsync();
        return Pick(op, label, candidates);
    }

    /// <summary>The op's pick of <paramref name="candidates"/>; with none, the operation is recorded as having no target.</summary>
    private T? Pick<T>(ChaosOp op, string label, List<T> candidates) where T : class
    {
        if (candidates.Count == 0)
        {
            Record(label, ChaosOutcome.NoTarget);
            return null;
        }

        return candidates[op.Pick % candidates.Count];
    }

    private static Expression<Func<Booking, bool>> InStatus(params BookingStatus[] statuses) => b => statuses.Contains(b.Status);

    /// <summary>The customer cancels their own booking, or (with the op's flag) staff cancel it for them with the fee waived.</summary>
    private CancelRequest CancelRequestFor(ChaosOp op, Booking booking) => op.Flag
        ? new CancelRequest(booking.ConfirmationNumber, world.StaffId, IsStaff: true, WaiveFee: true, Reason: "Chaos: cancelled at the desk.")
        : new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false);

    private static RescheduleRequest MoveRequest(ChaosOp op, Booking booking, DateTime to) => new(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false, to);

    /// <summary>Another slot of the booking's own service (the next one when the op's choice is where it already is).</summary>
    private DateTime OtherSlot(ChaosOp op, Booking booking)
    {
        var slots = world.Slots[world.Services.ToList().IndexOf(booking.ServiceId)];
        var target = slots[op.OtherSlot];
        return target == booking.StartUtc ? slots[(op.OtherSlot + 1) % slots.Count] : target;
    }

    private string Customer(ChaosOp op) => world.Customers[op.Customer];

    private int ServiceId(ChaosOp op) => world.Services[op.Service];

    private string Key(ChaosOp op) => $"chaos-{world.Seed}-{op.Index}";

    private Task Scoped<T>(ChaosOp op, string label, Func<T, Task> act) where T : notnull =>
        Call(op, label, s => act(s.GetRequiredService<T>()));

    /// <summary>One call to the portal in a scope of its own, as a request or a job gets; an exception is recorded, never thrown on.</summary>
    private async Task Call(ChaosOp op, string label, Func<IServiceProvider, Task> act)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await act(scope.ServiceProvider);
        }
        catch (Exception ex) when (IsProviderFailure(ex))
        {
            Record(label, ChaosOutcome.ProviderFailed);
        }
        catch (Exception ex)
        {
            Threw(op, label, ex);
        }
    }

    /// <summary>The payment provider's own refusal, through its client library.</summary>
    private static bool IsProviderFailure(Exception ex) => ex.GetType().FullName?.StartsWith("Stripe.", StringComparison.Ordinal) == true;

    private void Threw(ChaosOp op, string label, Exception ex)
    {
        Record(label, ChaosOutcome.Threw);
        exceptions.Enqueue(new ChaosException(op.Index, label, ex.GetType().FullName ?? ex.GetType().Name, ex.Message, TopFrames(ex)));
    }

    private static async Task AtOnceAsync(params Func<Task>[] actions)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = actions.Select(action => Task.Run(async () =>
        {
            await gate.Task;
            await action();
        })).ToList();
        gate.SetResult();
        await Task.WhenAll(running);
    }

    private bool Record(string label, ReserveResult result) => Record(label, result.Succeeded, result.Error?.ToString() ?? "refused");

    private bool Record(string label, bool succeeded, string reason = "refused")
    {
        Record(label, succeeded ? ChaosOutcome.Succeeded : ChaosOutcome.Refused);
        if (!succeeded)
        {
            refusals.AddOrUpdate($"{label}: {reason}", 1, (_, n) => n + 1);
        }

        return succeeded;
    }

    private void Record(string label, ChaosOutcome outcome) => counts.AddOrUpdate((label, outcome), 1, (_, n) => n + 1);

    /// <summary>A sweep or a tick: it succeeds whether or not it found work.</summary>
    private void Count(string label, int _) => Record(label, ChaosOutcome.Succeeded);

    private static string Describe(ReserveResult result) => result.Succeeded ? $"booking {result.Booking!.ConfirmationNumber}" : $"refused ({result.Error})";

    /// <summary>The innermost exception's first frames in the portal's code (where it went wrong), else its first frames.</summary>
    private static string TopFrames(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var frames = (ex.StackTrace ?? "").Split('\n').Select(f => f.Trim()).Where(f => f.StartsWith("at ", StringComparison.Ordinal)).ToList();
        var ours = frames.Where(f => f.Contains("BookingPortal.", StringComparison.Ordinal)).Take(4).ToList();
        var message = inner == ex ? "" : $" (inner {inner.GetType().Name}: {inner.Message})";
        return string.Join(" | ", ours.Count > 0 ? ours : frames.Take(4)) + message;
    }
}

/// <summary>What a chaos run did: per operation and outcome, the refusals' reasons, the exceptions and anything the product answered inconsistently.</summary>
public sealed record ChaosReport(
    int Seed,
    int Operations,
    int Workers,
    TimeSpan Elapsed,
    IReadOnlyDictionary<(string Label, ChaosOutcome Outcome), int> Counts,
    IReadOnlyDictionary<string, int> Refusals,
    IReadOnlyList<ChaosException> Exceptions,
    IReadOnlyList<string> Anomalies)
{
    public int Threw => Counts.Where(c => c.Key.Outcome == ChaosOutcome.Threw).Sum(c => c.Value);

    /// <summary>A plain table: one line per operation, its outcomes, and operations per second of the whole run.</summary>
    public string Table()
    {
        var lines = new List<string>
        {
            $"chaos seed {Seed}: {Operations} operations, {Workers} workers, {Elapsed.TotalSeconds:F1} s ({Operations / Math.Max(Elapsed.TotalSeconds, 0.001):F0} ops/s)",
            $"{"operation",-30} {"ok",6} {"refused",8} {"none",6} {"provider",9} {"threw",6} {"ops/s",7}",
        };
        foreach (var label in Counts.Keys.Select(k => k.Label).Distinct().Order(StringComparer.Ordinal))
        {
            int N(ChaosOutcome outcome) => Counts.GetValueOrDefault((label, outcome));
            var all = Enum.GetValues<ChaosOutcome>().Sum(N);
            lines.Add($"{label,-30} {N(ChaosOutcome.Succeeded),6} {N(ChaosOutcome.Refused),8} {N(ChaosOutcome.NoTarget),6} {N(ChaosOutcome.ProviderFailed),9} {N(ChaosOutcome.Threw),6} {all / Math.Max(Elapsed.TotalSeconds, 0.001),7:F1}");
        }

        lines.Add("refusals: " + string.Join(", ", Refusals.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} ×{r.Value}")));
        lines.AddRange(Exceptions.GroupBy(e => (e.Label, e.Type, e.TopFrames))
            .Select(g => $"THREW ×{g.Count()} in {g.Key.Label} (first at op {g.Min(e => e.OpIndex)}): {g.Key.Type}: {g.First().Message} at {g.Key.TopFrames}"));
        lines.AddRange(Anomalies.Select(a => "ANOMALY " + a));
        return string.Join(Environment.NewLine, lines);
    }
}
