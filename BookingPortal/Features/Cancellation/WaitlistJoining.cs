using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Cancellation;

/// <summary>
/// Customers join the waitlist of a full date or slot: one active entry per customer and target, only while no seat of
/// it is free, and only with a confirmed e-mail address (the offer is sent there). Runs again, with fresh contexts,
/// when the database gave it up for another transaction's sake (ConflictRetry).
/// </summary>
[ScopedService]
public sealed class WaitlistJoining(
    IDbContextFactory<BookingDbContext> dbFactory, CatalogService catalog, AccountRules accountRules, TimeProvider time,
    IStringLocalizer<PortalText> text, ILogger<WaitlistJoining> logger)
{
    public Task<JoinWaitlistResult> JoinAsync(string customerId, int serviceId, DateOnly localDate, DateTime? slotStartUtc = null, CancellationToken cancellationToken = default) =>
        ConflictRetry.RunAsync(() => JoinOnceAsync(customerId, serviceId, localDate, slotStartUtc, cancellationToken), logger, cancellationToken);

    private async Task<JoinWaitlistResult> JoinOnceAsync(string customerId, int serviceId, DateOnly localDate, DateTime? slotStartUtc, CancellationToken cancellationToken)
    {
        var service = await catalog.GetServiceAsync(serviceId, cancellationToken);
        if (service is null)
        {
            return new(JoinWaitlistOutcome.ServiceNotFound, null, BookingRules.Describe(BookingError.ServiceNotFound, null));
        }

        var slots = await catalog.GetSlotsAsync(service, localDate, cancellationToken);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var wanted = slots.Where(s => slotStartUtc is null || s.StartUtc == slotStartUtc).ToList();
        if (wanted.Count == 0 || wanted.All(s => BookingRules.CheckWindow(service, s.StartUtc, nowUtc) is not null))
        {
            return new(JoinWaitlistOutcome.OutsideBookingWindow, null, text["That date is not open for booking, so there is no waitlist for it."]);
        }

        return wanted.Any(s => s.IsBookable)
            ? SeatsAvailable()
            : await AddEntryAsync(customerId, new Target(service, localDate, slotStartUtc, wanted.Select(s => s.StartUtc).ToList()), nowUtc, cancellationToken);
    }

    /// <summary>What the customer waits for: a whole date, or one slot on it; <paramref name="Starts"/> its slots, as read.</summary>
    private sealed record Target(Service Service, DateOnly LocalDate, DateTime? SlotStartUtc, IReadOnlyList<DateTime> Starts);

    private JoinWaitlistResult SeatsAvailable() =>
        new(JoinWaitlistOutcome.SeatsAvailable, null, text["There are still free times on that date: you can book one now."]);

    /// <summary>
    /// Whether a seat of the wanted slots was given back since they were looked at: their counters are locked first, as a
    /// release locks a counter before it reads who waits, so either the release finds this entry or this finds the seat
    /// (never a seat on sale while the customer is told they wait for one).
    /// </summary>
    private async Task<bool> SeatFreedMeanwhileAsync(BookingDbContext db, Target target, CancellationToken cancellationToken)
    {
        var counters = await SlotInventoryStore.FindCountersAsync(db, [target.Service.Id], target.Starts, cancellationToken);
        foreach (var counterId in counters.Values.Select(c => c.Id).Order())
        {
            await SlotInventoryStore.LockAsync(db, counterId, cancellationToken);
        }

        var slots = await catalog.GetSlotsAsync(target.Service, target.LocalDate, cancellationToken);
        return slots.Any(s => s.IsBookable && target.Starts.Contains(s.StartUtc));
    }

    /// <summary>One active entry per customer and target: checked under the customer's own row lock.</summary>
    private async Task<JoinWaitlistResult> AddEntryAsync(string customerId, Target target, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await RefusalAsync(db, customerId, target, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var entry = new WaitlistEntry
        {
            CustomerId = customerId,
            ServiceId = target.Service.Id,
            LocalDate = target.LocalDate,
            SlotStartUtc = target.SlotStartUtc,
            Status = WaitlistStatus.Waiting,
            CreatedAtUtc = nowUtc,
        };
        db.WaitlistEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(JoinWaitlistOutcome.Joined, entry.Id,
            text["You're on the waitlist. If a seat frees up, we'll hold it for you for {0:0} hours.", WaitlistEntry.OfferDuration.TotalHours]);
    }

    /// <summary>Why the customer may not join now, in the join's transaction; null when they may.</summary>
    private async Task<JoinWaitlistResult?> RefusalAsync(BookingDbContext db, string customerId, Target target, CancellationToken cancellationToken)
    {
        if (!await BookingWrites.EnterCustomerGateAsync(db, customerId, cancellationToken))
        {
            return new(JoinWaitlistOutcome.ServiceNotFound, null, BookingRules.Describe(BookingError.InvalidRequest, target.Service));
        }

        if (await BookingWrites.LacksConfirmedEmailAsync(db, accountRules, customerId, cancellationToken))
        {
            return new(JoinWaitlistOutcome.EmailNotConfirmed, null, text["Please confirm your e-mail address before joining a waitlist: use the link we sent you."]);
        }

        var existing = await db.WaitlistEntries
            .Where(e => e.CustomerId == customerId && e.ServiceId == target.Service.Id && e.LocalDate == target.LocalDate && e.SlotStartUtc == target.SlotStartUtc
                        && (e.Status == WaitlistStatus.Waiting || e.Status == WaitlistStatus.Offered))
            .Select(e => (long?)e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return new(JoinWaitlistOutcome.AlreadyWaiting, id, text["You are already on the waitlist for that date."]);
        }

        return await SeatFreedMeanwhileAsync(db, target, cancellationToken) ? SeatsAvailable() : null;
    }
}
