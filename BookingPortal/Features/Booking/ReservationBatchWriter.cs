using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments;
using BookingPortal.Features.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Booking;

/// <summary>
/// Writes a batch of reservations, each from a different customer, in one transaction. Each
/// request meets the rules of a reservation made alone (<see cref="BookingService.ReserveOneAsync"/>),
/// in the same order: the service, the slot, the sale window and the release's dates; then, inside
/// the transaction and the customers' gates, the staff-help flag, the limit, the queue turn and
/// the seat, with an earlier identical request answering a repeat. Every step is one statement for
/// the whole batch (the seat update is one per slot), so a crowd costs the database a few
/// statements per batch instead of a dozen per booking. Throws, with nothing committed, when the
/// batch cannot be written together; the caller then writes its requests one by one.
/// </summary>
internal sealed class ReservationBatchWriter(
    IDbContextFactory<BookingDbContext> dbFactory,
    SlotInventoryStore inventory,
    PaymentHolds paymentHolds,
    NotificationOutbox outbox,
    SlotChangeNotifier slotChanges,
    TimeProvider time,
    ILogger<ReservationBatchWriter> logger)
{
    public async Task<IReadOnlyList<ReserveResult>> WriteAsync(IReadOnlyList<ReserveRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Select(r => r.CustomerId).Distinct(StringComparer.Ordinal).Count() != requests.Count)
        {
            throw new ArgumentException("A batch holds one request per customer.", nameof(requests));
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var results = new ReserveResult?[requests.Count];
        var replays = new List<int>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var candidates = await ForSaleAsync(db, requests, nowUtc, results, replays, cancellationToken);
        await AnswerReplaysAsync(db, requests, replays, results, cancellationToken);
        if (candidates.Count > 0)
        {
            await WriteCandidatesAsync(db, candidates, nowUtc, results, cancellationToken);
        }

        return results.Select(r => r ?? throw new InvalidOperationException("A request of the batch was left unanswered.")).ToList();
    }

    /// <summary>
    /// The requests whose slot exists, is on sale and had a free seat at a look without a lock;
    /// the others are answered here, and those refused after the single path's replay check are
    /// added to <paramref name="replays"/> (a repeat of a request that booked is answered with its booking).
    /// </summary>
    private async Task<List<Candidate>> ForSaleAsync(
        BookingDbContext db, IReadOnlyList<ReserveRequest> requests, DateTime nowUtc, ReserveResult?[] results, List<int> replays,
        CancellationToken cancellationToken)
    {
        var serviceIds = requests.Select(r => r.ServiceId).Distinct().ToList();
        var services = await db.Services.AsNoTracking().Include(s => s.TimeSlots)
            .Where(s => serviceIds.Contains(s.Id) && !s.IsArchived)
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var releases = await db.Releases.AsNoTracking().Where(r => serviceIds.Contains(r.ServiceId))
            .Select(r => new { r.Id, r.ServiceId, Dates = new SlotDateRange(r.SlotsFrom, r.SlotsUntil) })
            .ToDictionaryAsync(r => r.ServiceId, cancellationToken);

        var onSale = new List<Candidate>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (!services.TryGetValue(request.ServiceId, out var service))
            {
                results[i] = ReserveResult.Failure(BookingError.ServiceNotFound, null);
                continue;
            }

            var release = releases.GetValueOrDefault(service.Id);
            var slot = SlotSchedule.Find(service, DateTime.SpecifyKind(request.SlotStartUtc, DateTimeKind.Utc));
            var refusal = slot is null
                ? BookingError.SlotNotFound
                : BookingService.SaleRefusal(service, slot, nowUtc, release?.Dates ?? SlotDateRange.Unlimited);
            if (refusal is { } error)
            {
                results[i] = ReserveResult.Failure(error, service);
                replays.Add(i);
                continue;
            }

            onSale.Add(new Candidate(i, request, service, slot!, release?.Id));
        }

        var counters = await CountersAsync(db, onSale, cancellationToken);
        var candidates = new List<Candidate>();
        foreach (var candidate in onSale)
        {
            var (counterId, hadFreeSeat) = counters[(candidate.Service.Id, candidate.Slot.StartUtc)];
            if (hadFreeSeat)
            {
                candidate.CounterId = counterId;
                candidates.Add(candidate);
            }
            else
            {
                results[candidate.Index] = ReserveResult.Failure(BookingError.SlotFull, candidate.Service);
                replays.Add(candidate.Index);
            }
        }

        return candidates;
    }

    /// <summary>The seat counters of the candidates' slots, created for slots booked for the first time.</summary>
    private async Task<Dictionary<(int ServiceId, DateTime StartUtc), (long Id, bool HadFreeSeat)>> CountersAsync(
        BookingDbContext db, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var serviceIds = candidates.Select(c => c.Service.Id).Distinct().ToList();
        var starts = candidates.Select(c => c.Slot.StartUtc).Distinct().ToList();
        var counters = (await db.SlotInventories.AsNoTracking()
                .Where(i => serviceIds.Contains(i.ServiceId) && starts.Contains(i.StartUtc))
                .Select(i => new { i.Id, i.ServiceId, i.StartUtc, Free = !i.IsClosed && i.Booked < i.Capacity })
                .ToListAsync(cancellationToken))
            .ToDictionary(i => (i.ServiceId, i.StartUtc), i => (i.Id, i.Free));
        foreach (var candidate in candidates.Where(c => !counters.ContainsKey((c.Service.Id, c.Slot.StartUtc))))
        {
            counters[(candidate.Service.Id, candidate.Slot.StartUtc)] = await inventory.EnsureCounterAsync(candidate.Service.Id, candidate.Slot, cancellationToken);
        }

        return counters;
    }

    private async Task WriteCandidatesAsync(
        BookingDbContext db, List<Candidate> candidates, DateTime nowUtc, ReserveResult?[] results, CancellationToken cancellationToken)
    {
        // Composed before the transaction, as a reservation made alone does: the locks are held
        // only for the statements, not for rendering e-mails and calendar files.
        var customerIds = candidates.Select(c => c.Request.CustomerId).ToList();
        var endpoints = await WebhookOutbox.ActiveEndpointsAsync(db, cancellationToken);
        var contacts = await NotificationOutbox.FindContactsAsync(db, customerIds, cancellationToken);
        var holdUntil = paymentHolds.HoldUntil(nowUtc);
        foreach (var candidate in candidates.Where(c => contacts.ContainsKey(c.Request.CustomerId)))
        {
            var (request, service, slot) = (candidate.Request, candidate.Service, candidate.Slot);
            candidate.Booking = BookingWrites.NewBooking(service, request.CustomerId, candidate.CounterId, slot.StartUtc, slot.EndUtc, request.IdempotencyKey, nowUtc, holdUntil);
            candidate.Messages = await outbox.ComposeForNewBookingAsync(candidate.Booking, service, endpoints, contacts[request.CustomerId]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Each customer's gate (BookingWrites.EnterCustomerGateAsync), for all of them in one statement.
        await db.Users.Where(u => customerIds.Contains(u.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.BookingGate, x => x.BookingGate + 1), cancellationToken);
        await RefuseInsideGatesAsync(db, candidates, contacts, nowUtc, cancellationToken);
        var granted = await TakeSeatsAsync(db, candidates.Where(c => c is { Refusal: null, IsRepeat: false }).ToList(), cancellationToken);
        await UseQueueTurnsAsync(db, granted, nowUtc, cancellationToken);
        foreach (var candidate in granted)
        {
            BookingWrites.Add(db, candidate.Booking!);
            db.OutboxMessages.AddRange(candidate.Messages);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var serviceId in granted.Select(c => c.Service.Id).Distinct())
        {
            slotChanges.NotifyChanged(serviceId);
        }

        foreach (var candidate in candidates)
        {
            if (candidate.Refusal is { } error)
            {
                results[candidate.Index] = ReserveResult.Failure(error, candidate.Service);
            }
            else if (!candidate.IsRepeat)
            {
                var booking = candidate.Booking!;
                logger.LogInformation("Booked {Confirmation} for service {ServiceId} at {StartUtc:o}.", booking.ConfirmationNumber, booking.ServiceId, booking.StartUtc);
                results[candidate.Index] = ReserveResult.Success(BookingService.ToView(booking, candidate.Service));
            }
            else
            {
                results[candidate.Index] = await BookingService.FindByIdempotencyKeyAsync(db, candidate.Request, cancellationToken) is { } earlier
                    ? ReserveResult.Success(earlier)
                    : throw new InvalidOperationException("A repeated request's earlier booking is gone.");
            }
        }
    }

    /// <summary>
    /// The rules a reservation made alone checks inside its customer's gate, for every candidate:
    /// a repeat of an earlier request is marked (it is answered with that booking), a refusal noted.
    /// </summary>
    private static async Task RefuseInsideGatesAsync(
        BookingDbContext db, List<Candidate> candidates, Dictionary<string, CustomerContact> customers, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var customerIds = candidates.Select(c => c.Request.CustomerId).ToList();
        var serviceIds = candidates.Select(c => c.Service.Id).Distinct().ToList();
        var repeats = await EarlierRequestsAsync(db, candidates.Select(c => c.Request), cancellationToken);
        var needStaffHelp = (await db.Users.Where(u => customerIds.Contains(u.Id)).Where(BookingWrites.NeedsStaffHelp).Select(u => u.Id).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var active = (await db.Bookings.Where(BookingWrites.ActiveAfter(nowUtc))
                .Where(b => customerIds.Contains(b.CustomerId) && serviceIds.Contains(b.ServiceId))
                .GroupBy(b => new { b.CustomerId, b.ServiceId })
                .Select(g => new { g.Key.CustomerId, g.Key.ServiceId, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => (a.CustomerId, a.ServiceId), a => a.Count);
        var turns = await QueueTurnsAsync(db, candidates, nowUtc, cancellationToken);

        foreach (var candidate in candidates)
        {
            var (customerId, service) = (candidate.Request.CustomerId, candidate.Service);
            candidate.IsRepeat = repeats.Contains((customerId, candidate.Request.IdempotencyKey));
            candidate.QueueEntryId = candidate.ReleaseId is { } releaseId ? turns.GetValueOrDefault((customerId, releaseId)) : null;
            candidate.Refusal = candidate.IsRepeat ? null
                : !customers.ContainsKey(customerId) ? BookingError.InvalidRequest
                : needStaffHelp.Contains(customerId) ? BookingError.NeedsStaffHelp
                : BookingRules.HasReachedLimit(service, active.GetValueOrDefault((customerId, service.Id))) ? BookingError.LimitReached
                : candidate.ReleaseId is not null && candidate.QueueEntryId is null ? BookingError.NotAdmitted
                : null;
        }
    }

    /// <summary>Each candidate's admitted, unexpired queue entry for its service's release (as <see cref="Queue.ReleaseGate.ConsumeAdmissionAsync"/> finds it).</summary>
    private static async Task<Dictionary<(string CustomerId, int ReleaseId), long?>> QueueTurnsAsync(
        BookingDbContext db, List<Candidate> candidates, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var releaseIds = candidates.Where(c => c.ReleaseId is not null).Select(c => c.ReleaseId!.Value).Distinct().ToList();
        if (releaseIds.Count == 0)
        {
            return [];
        }

        // Anonymous visitors queue too (their entries have no customer); only customers book.
        var customerIds = candidates.Select(c => (string?)c.Request.CustomerId).ToList();
        var entries = await db.QueueEntries
            .Where(e => customerIds.Contains(e.CustomerId) && e.Status == QueueEntryStatus.Admitted && e.ExpiresAtUtc > nowUtc)
            .Join(db.ReleaseOpenings.Where(o => releaseIds.Contains(o.ReleaseId)), e => e.OpeningId, o => o.Id, (e, o) => new { e.Id, e.CustomerId, o.ReleaseId })
            .ToListAsync(cancellationToken);
        return entries.GroupBy(e => (e.CustomerId!, e.ReleaseId)).ToDictionary(g => g.Key, g => (long?)g.First().Id);
    }

    /// <summary>
    /// Locks the candidates' seat counters, gives their free seats to the candidates in the order
    /// they came, and counts them taken. Candidates left without a seat are refused as full.
    /// </summary>
    private static async Task<List<Candidate>> TakeSeatsAsync(BookingDbContext db, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var counterIds = candidates.Select(c => c.CounterId).Distinct().ToList();
        // A write that changes nothing takes the rows' locks: the seats read next stay ours until the commit.
        await db.SlotInventories.Where(i => counterIds.Contains(i.Id)).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Booked), cancellationToken);
        var free = await db.SlotInventories.AsNoTracking().Where(i => counterIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.IsClosed ? 0 : Math.Max(0, i.Capacity - i.Booked), cancellationToken);

        var granted = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            if (free[candidate.CounterId] > 0)
            {
                free[candidate.CounterId]--;
                granted.Add(candidate);
            }
            else
            {
                candidate.Refusal = BookingError.SlotFull;
            }
        }

        foreach (var seats in granted.GroupBy(c => c.CounterId))
        {
            var count = seats.Count();
            var taken = await db.SlotInventories
                .Where(i => i.Id == seats.Key && !i.IsClosed && i.Booked + count <= i.Capacity)
                .ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Booked + count), cancellationToken);
            if (taken != 1)
            {
                throw new InvalidOperationException($"Slot counter {seats.Key} changed while it was locked.");
            }
        }

        return granted;
    }

    private static async Task UseQueueTurnsAsync(BookingDbContext db, List<Candidate> granted, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var entryIds = granted.Where(c => c.QueueEntryId is not null).Select(c => c.QueueEntryId!.Value).ToList();
        if (entryIds.Count == 0)
        {
            return;
        }

        var used = await db.QueueEntries.Where(e => entryIds.Contains(e.Id) && e.Status == QueueEntryStatus.Admitted && e.ExpiresAtUtc > nowUtc)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Completed).SetProperty(x => x.FinishedAtUtc, nowUtc), cancellationToken);
        if (used != entryIds.Count)
        {
            // Another instance's job expired a turn between the read and this update: let each request decide alone.
            throw new InvalidOperationException("A queue turn changed while its batch was written.");
        }
    }

    /// <summary>Answers each refused request that repeats one which booked with that booking, as a reservation made alone does.</summary>
    private static async Task AnswerReplaysAsync(
        BookingDbContext db, IReadOnlyList<ReserveRequest> requests, List<int> refused, ReserveResult?[] results, CancellationToken cancellationToken)
    {
        if (refused.Count == 0)
        {
            return;
        }

        var earlier = await EarlierRequestsAsync(db, refused.Select(i => requests[i]), cancellationToken);
        foreach (var i in refused.Where(i => earlier.Contains((requests[i].CustomerId, requests[i].IdempotencyKey))))
        {
            if (await BookingService.FindByIdempotencyKeyAsync(db, requests[i], cancellationToken) is { } booking)
            {
                results[i] = ReserveResult.Success(booking);
            }
        }
    }

    /// <summary>Which of the requests (customer and idempotency key) already made a booking, in one query.</summary>
    private static async Task<HashSet<(string CustomerId, string IdempotencyKey)>> EarlierRequestsAsync(
        BookingDbContext db, IEnumerable<ReserveRequest> requests, CancellationToken cancellationToken)
    {
        var list = requests.ToList();
        var customerIds = list.Select(r => r.CustomerId).Distinct().ToList();
        var keys = list.Select(r => r.IdempotencyKey).Distinct().ToList();
        var found = await db.Bookings.AsNoTracking()
            .Where(b => customerIds.Contains(b.CustomerId) && keys.Contains(b.IdempotencyKey))
            .Select(b => new { b.CustomerId, b.IdempotencyKey })
            .ToListAsync(cancellationToken);
        return found.Select(b => (b.CustomerId, b.IdempotencyKey)).ToHashSet();
    }

    /// <summary>One request of the batch on its way through the rules; a class, as it is filled in step by step.</summary>
    private sealed class Candidate(int index, ReserveRequest request, Service service, SlotOccurrence slot, int? releaseId)
    {
        public int Index { get; } = index;

        public ReserveRequest Request { get; } = request;

        public Service Service { get; } = service;

        public SlotOccurrence Slot { get; } = slot;

        public int? ReleaseId { get; } = releaseId;

        public long CounterId { get; set; }

        public Domain.Booking? Booking { get; set; }

        public IReadOnlyList<OutboxMessage> Messages { get; set; } = [];

        public bool IsRepeat { get; set; }

        public BookingError? Refusal { get; set; }

        public long? QueueEntryId { get; set; }
    }
}
