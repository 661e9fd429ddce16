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
/// the whole batch (the seats take one statement per slot, three for a slot that runs out), so a
/// crowd costs the database a few statements per batch instead of a dozen per booking. Throws, with nothing committed, when the
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
        var services = await CatalogService.OnOffer(db).Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
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
        var counters = await SlotInventoryStore.FindCountersAsync(
            db, candidates.Select(c => c.Service.Id).Distinct().ToList(), candidates.Select(c => c.Slot.StartUtc).Distinct().ToList(), cancellationToken);
        var firstBooked = candidates.Where(c => !counters.ContainsKey((c.Service.Id, c.Slot.StartUtc)))
            .Select(c => (ServiceId: c.Service.Id, c.Slot)).DistinctBy(s => (s.ServiceId, s.Slot.StartUtc)).ToList();
        if (firstBooked.Count > 0)
        {
            foreach (var (key, counter) in await inventory.EnsureCountersAsync(firstBooked, cancellationToken))
            {
                counters[key] = counter;
            }
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
        var turnsTaken = await UseQueueTurnsAsync(db, candidates.Where(c => c.IsOpen).ToList(), nowUtc, cancellationToken);
        var granted = await TakeSeatsAsync(db, candidates.Where(c => c.IsOpen).ToList(), cancellationToken);
        await GiveBackQueueTurnsAsync(db, turnsTaken.Where(c => c.Refusal is not null).ToList(), cancellationToken);
        foreach (var candidate in granted)
        {
            BookingWrites.Add(db, candidate.Booking!);
            db.OutboxMessages.AddRange(candidate.Messages);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Committed: nothing below reads the database or can fail, so the batch is never written twice.
        foreach (var serviceId in granted.Select(c => c.Service.Id).Distinct())
        {
            slotChanges.NotifyChanged(serviceId);
        }

        foreach (var candidate in candidates)
        {
            results[candidate.Index] = candidate.Earlier is { } earlier ? ReserveResult.Success(earlier)
                : candidate.Refusal is { } error ? ReserveResult.Failure(error, candidate.Service)
                : Booked(candidate.Booking!, candidate.Service);
        }
    }

    private ReserveResult Booked(Domain.Booking booking, Service service)
    {
        logger.LogInformation("Booked {Confirmation} for service {ServiceId} at {StartUtc:o}.", booking.ConfirmationNumber, booking.ServiceId, booking.StartUtc);
        return ReserveResult.Success(BookingService.ToView(booking, service));
    }

    /// <summary>
    /// The rules a reservation made alone checks inside its customer's gate, for every candidate:
    /// a repeat of an earlier request gets that booking (read here, before the commit), a refusal is noted.
    /// </summary>
    private static async Task RefuseInsideGatesAsync(
        BookingDbContext db, List<Candidate> candidates, Dictionary<string, CustomerContact> customers, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var customerIds = candidates.Select(c => c.Request.CustomerId).ToList();
        var serviceIds = candidates.Select(c => c.Service.Id).Distinct().ToList();
        var earlier = await EarlierBookingsAsync(db, candidates.Select(c => c.Request).ToList(), cancellationToken);
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
            candidate.Earlier = earlier.GetValueOrDefault(candidate.Request);
            candidate.QueueEntryId = candidate.ReleaseId is { } releaseId ? turns.GetValueOrDefault((customerId, releaseId)) : null;
            candidate.Refusal = candidate.Earlier is not null ? null
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
    /// Uses up the candidates' queue turns, as a reservation made alone does before its seat. A turn
    /// the admission job expired since it was read is not used: that candidate is refused as not
    /// admitted, as it would have been alone. Returns the candidates whose turn was used.
    /// </summary>
    private static async Task<List<Candidate>> UseQueueTurnsAsync(BookingDbContext db, List<Candidate> candidates, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var withTurn = candidates.Where(c => c.QueueEntryId is not null).ToList();
        var entryIds = withTurn.Select(c => c.QueueEntryId!.Value).ToList();
        if (entryIds.Count == 0)
        {
            return [];
        }

        var used = await db.QueueEntries.Where(e => entryIds.Contains(e.Id) && e.Status == QueueEntryStatus.Admitted && e.ExpiresAtUtc > nowUtc)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Completed).SetProperty(x => x.FinishedAtUtc, nowUtc), cancellationToken);
        if (used != entryIds.Count)
        {
            // The customers' gates are held, so every entry now completed was completed by this update.
            var completed = (await db.QueueEntries.Where(e => entryIds.Contains(e.Id) && e.Status == QueueEntryStatus.Completed).Select(e => e.Id).ToListAsync(cancellationToken))
                .ToHashSet();
            foreach (var lapsed in withTurn.Where(c => !completed.Contains(c.QueueEntryId!.Value)))
            {
                lapsed.Refusal = BookingError.NotAdmitted;
            }
        }

        return withTurn.Where(c => c.Refusal is null).ToList();
    }

    /// <summary>A turn used by a candidate who then found no seat is given back, as the rollback of a reservation made alone would.</summary>
    private static async Task GiveBackQueueTurnsAsync(BookingDbContext db, List<Candidate> refused, CancellationToken cancellationToken)
    {
        var entryIds = refused.Select(c => c.QueueEntryId!.Value).ToList();
        if (entryIds.Count > 0)
        {
            await db.QueueEntries.Where(e => entryIds.Contains(e.Id))
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Admitted).SetProperty(x => x.FinishedAtUtc, (DateTime?)null), cancellationToken);
        }
    }

    /// <summary>
    /// Gives the slots' free seats to the candidates in the order they came and counts them taken,
    /// one slot after another in the order of their counters' ids, so two batches, or a batch and a
    /// move between two slots, always lock counters in the same order and cannot deadlock on them.
    /// Candidates left without a seat are refused as full.
    /// </summary>
    private static async Task<List<Candidate>> TakeSeatsAsync(BookingDbContext db, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var granted = new List<Candidate>();
        foreach (var seekers in candidates.GroupBy(c => c.CounterId).OrderBy(g => g.Key).Select(g => g.ToList()))
        {
            var counterId = seekers[0].CounterId;
            var seats = await SlotInventoryStore.TakeSeatsAsync(db, counterId, seekers.Count, cancellationToken) == 1 ? seekers.Count
                : await SlotInventoryStore.TakeFreeSeatsAsync(db, counterId, cancellationToken);
            granted.AddRange(seekers.Take(seats));
            foreach (var turnedAway in seekers.Skip(seats))
            {
                turnedAway.Refusal = BookingError.SlotFull;
            }
        }

        return granted;
    }

    /// <summary>Answers each refused request that repeats one which booked with that booking, as a reservation made alone does.</summary>
    private static async Task AnswerReplaysAsync(
        BookingDbContext db, IReadOnlyList<ReserveRequest> requests, List<int> refused, ReserveResult?[] results, CancellationToken cancellationToken)
    {
        if (refused.Count == 0)
        {
            return;
        }

        var earlier = await EarlierBookingsAsync(db, refused.Select(i => requests[i]).ToList(), cancellationToken);
        foreach (var i in refused.Where(i => earlier.ContainsKey(requests[i])))
        {
            results[i] = ReserveResult.Success(earlier[requests[i]]);
        }
    }

    /// <summary>
    /// The bookings the requests already made (same customer, same idempotency key). One query finds
    /// the few that may have one, compared loosely (a database may compare keys without case); each
    /// of those is then looked up as a reservation made alone looks it up, so the database's own
    /// comparison decides.
    /// </summary>
    private static async Task<Dictionary<ReserveRequest, BookingView>> EarlierBookingsAsync(
        BookingDbContext db, List<ReserveRequest> requests, CancellationToken cancellationToken)
    {
        var customerIds = requests.Select(r => r.CustomerId).Distinct().ToList();
        var keys = requests.Select(r => r.IdempotencyKey).Distinct().ToList();
        var found = (await db.Bookings.AsNoTracking()
                .Where(b => customerIds.Contains(b.CustomerId) && keys.Contains(b.IdempotencyKey))
                .Select(b => new { b.CustomerId, b.IdempotencyKey })
                .ToListAsync(cancellationToken))
            .Select(b => b.CustomerId + "\n" + b.IdempotencyKey)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var earlier = new Dictionary<ReserveRequest, BookingView>(ReferenceEqualityComparer.Instance);
        foreach (var request in requests.Where(r => found.Contains(r.CustomerId + "\n" + r.IdempotencyKey)))
        {
            if (await BookingService.FindByIdempotencyKeyAsync(db, request, cancellationToken) is { } booking)
            {
                earlier[request] = booking;
            }
        }

        return earlier;
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

        /// <summary>The booking an earlier identical request made: the answer to this one.</summary>
        public BookingView? Earlier { get; set; }

        public BookingError? Refusal { get; set; }

        public bool IsOpen => Earlier is null && Refusal is null;

        public long? QueueEntryId { get; set; }
    }
}
