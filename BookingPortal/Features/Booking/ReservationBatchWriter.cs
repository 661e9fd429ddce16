using BookingPortal.Features.Audit;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments;
using BookingPortal.Features.Queue;
using BookingPortal.Features.Webhooks;

namespace BookingPortal.Features.Booking;

/// <summary>
/// Writes reservations, each from a different customer, in one transaction; a reservation made
/// alone is a batch of one (<see cref="WriteAloneAsync"/>). Each request meets the rules in this
/// order: the service, the slot, the sale window and the release's dates; then, inside the
/// transaction and the customers' gates, the rules of <see cref="ReservationRules"/>, the queue turn
/// and the seat, with an earlier identical request answering a repeat. Every step is one statement
/// for the whole batch (the seats take one statement per slot, three for a slot that runs out), so a
/// crowd costs the database a few statements per batch instead of a dozen per booking.
/// </summary>
// Stateless and on a waiting customer's page: a singleton, so no waiting circuit holds its own (ServiceLifetimeTests).
[SingletonService]
public sealed partial class ReservationBatchWriter(
    IDbContextFactory<BookingDbContext> dbFactory,
    SlotInventoryStore inventory,
    PaymentHolds paymentHolds,
    NotificationOutbox outbox,
    SlotChangeNotifier slotChanges,
    AccountRules accountRules,
    AuditLog audit,
    TimeProvider time,
    ILogger<ReservationBatchWriter> logger, VideoRooms.VideoRoomLinks videoRooms)
{
    private const int MaxConfirmationNumberAttempts = 3;

    /// <summary>
    /// One reservation in a transaction of its own: for staff at the desk, and for each request of a
    /// batch that could not be written together (<see cref="ReservationBatcher"/>). Run again when it
    /// lost a conflict with another transaction, or when its insert collided on a unique index.
    /// </summary>
    public async Task<ReserveResult> WriteAloneAsync(ReserveRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await ConflictRetry.RunAsync(() => WriteAsync([request], cancellationToken), logger, cancellationToken))[0];
            }
            catch (DbUpdateException ex) when (attempt < MaxConfirmationNumberAttempts)
            {
                // Only a unique index can fail here: the same request made twice at once (the
                // other one's booking answers it) or a confirmation number collision (try another).
                await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
                {
                    if (await BookingReader.FindByIdempotencyKeyAsync(db, request, cancellationToken) is { } sameKey)
                    {
                        return sameKey;
                    }
                }

                logger.LogWarning(ex, "Booking insert collided on a unique index; retrying (attempt {Attempt}).", attempt);
            }
        }
    }

    /// <summary>Throws, with nothing committed, when the batch cannot be written together; the caller then writes its requests one by one.</summary>
    public async Task<IReadOnlyList<ReserveResult>> WriteAsync(IReadOnlyList<ReserveRequest> requests, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await WriteWithinAsync(db, requests, cancellationToken);
    }

    /// <summary>
    /// The batch in the transaction <paramref name="db"/> has (admission booking ranked choices: the caller commits and
    /// tells the slots' pages), else in its own. The counters must exist: creating one takes another connection.
    /// </summary>
    internal async Task<IReadOnlyList<ReserveResult>> WriteWithinAsync(BookingDbContext db, IReadOnlyList<ReserveRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Select(r => r.CustomerId).Distinct(StringComparer.Ordinal).Count() != requests.Count)
        {
            throw new ArgumentException("A batch holds one request per customer.", nameof(requests));
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var results = new ReserveResult?[requests.Count];
        var replays = new List<int>();
        var onSale = await ReservationRules.WithValidAnswersAsync(db, await OnSaleAsync(db, requests, nowUtc, results, replays, cancellationToken), results, replays, cancellationToken);
        var candidates = await WithFreeSeatAsync(db, onSale, results, replays, cancellationToken);
        await ReservationRules.AnswerReplaysAsync(db, requests, replays, results, cancellationToken);
        if (candidates.Count > 0)
        {
            await WriteCandidatesAsync(db, candidates, nowUtc, results, cancellationToken);
        }

        return results.Select(r => r ?? throw new InvalidOperationException("A request of the batch was left unanswered.")).ToList();
    }

    /// <summary>
    /// The requests whose slot exists and is on sale; the others are answered here, and those refused
    /// after the replay check are added to <paramref name="replays"/> (a repeat of a request that
    /// booked is answered with its booking).
    /// </summary>
    private static async Task<List<ReservationCandidate>> OnSaleAsync(
        BookingDbContext db, IReadOnlyList<ReserveRequest> requests, DateTime nowUtc, ReserveResult?[] results, List<int> replays,
        CancellationToken cancellationToken)
    {
        var serviceIds = requests.Select(r => r.ServiceId).Distinct().ToList();
        var services = await CatalogService.OnOffer(db).Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var releases = await db.Releases.AsNoTracking().Where(r => serviceIds.Contains(r.ServiceId))
            .Select(r => new { r.Id, r.ServiceId, Dates = new SlotDateRange(r.SlotsFrom, r.SlotsUntil) })
            .ToDictionaryAsync(r => r.ServiceId, cancellationToken);

        var onSale = new List<ReservationCandidate>();
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
            if ((slot is null ? BookingError.SlotNotFound : BookingRules.SaleRefusal(service, slot, nowUtc, release?.Dates ?? SlotDateRange.Unlimited)) is { } error)
            {
                results[i] = ReserveResult.Failure(error, service);
                replays.Add(i);
                continue;
            }

            onSale.Add(new ReservationCandidate(i, request, service, slot!, release?.Id));
        }

        return onSale;
    }

    /// <summary>
    /// The candidates whose slot had a free seat at a look without a lock (a full slot is turned
    /// away before any work); only the conditional update in the transaction decides who gets one.
    /// </summary>
    private async Task<List<ReservationCandidate>> WithFreeSeatAsync(
        BookingDbContext db, List<ReservationCandidate> onSale, ReserveResult?[] results, List<int> replays, CancellationToken cancellationToken)
    {
        var counters = await CountersAsync(db, onSale, cancellationToken);
        var candidates = new List<ReservationCandidate>();
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

    /// <summary>
    /// One round of inserts (the bookings, their deposits, their messages); a repeated request or a
    /// confirmation number already taken fails here on a unique index and rolls everything back.
    /// </summary>
    private async Task InsertGrantedAsync(BookingDbContext db, IReadOnlyList<ReservationCandidate> granted, CancellationToken cancellationToken)
    {
        foreach (var candidate in granted)
        {
            BookingWrites.Add(db, candidate.Booking!, candidate.Answers);
            db.OutboxMessages.AddRange(candidate.Messages);
            if (candidate.Request.ActingStaffId is { } staffId)
            {
                await audit.RecordStaffActionAsync(db, staffId, AuditEntry.BookingMadeByStaff, candidate.Booking!.ConfirmationNumber, "", cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Everything that takes time (the messages, rendered with the calendar file) is composed before
    /// the transaction opens; inside it, the checks that must see committed state run first, and the
    /// slots' rows are locked by the seat updates only for the inserts and the commit that follow them.
    /// </summary>
    private async Task WriteCandidatesAsync(
        BookingDbContext db, List<ReservationCandidate> candidates, DateTime nowUtc, ReserveResult?[] results, CancellationToken cancellationToken)
    {
        var customerIds = candidates.Select(c => c.Request.CustomerId).ToList();
        var (contacts, endpoints) = await ComposeAsync(db, candidates, customerIds, nowUtc, cancellationToken);

        await using var transaction = db.Database.CurrentTransaction is not null ? null : await db.Database.BeginTransactionAsync(cancellationToken);
        var shut = await BookingWrites.EnterCustomerGatesAsync(db, customerIds, cancellationToken);
        await ReservationRules.RefuseInsideGatesAsync(db, candidates, contacts.Keys.Except(shut).ToHashSet(StringComparer.Ordinal), accountRules, nowUtc, cancellationToken);
        var turnsTaken = await ReservationRules.UseQueueTurnsAsync(db, candidates.Where(c => c.IsOpen).ToList(), nowUtc, cancellationToken);
        await ReservationStaffing.AssignAsync(db, candidates, (outbox, endpoints, contacts), cancellationToken);
        var granted = await ReservationRules.TakeSeatsAsync(db, candidates.Where(c => c.IsOpen).ToList(), cancellationToken);
        await ReleaseGate.GiveBackTurnsAsync(db, turnsTaken.Where(c => c.Refusal is not null).Select(c => c.QueueEntryId!.Value).ToList(), cancellationToken);
        await InsertGrantedAsync(db, granted, cancellationToken);
        if (transaction is not null)
        {
            // Committed: nothing below reads the database or can fail, so the batch is never written twice.
            await transaction.CommitAsync(cancellationToken);
            foreach (var serviceId in granted.Select(c => c.Service.Id).Distinct())
            {
                slotChanges.NotifyChanged(serviceId);
            }
        }

        foreach (var candidate in candidates)
        {
            results[candidate.Index] = candidate.Earlier is { } earlier ? earlier
                : candidate.Refusal is { } error ? ReserveResult.Failure(error, candidate.Service)
                : Booked(candidate.Booking!, candidate.Service);
        }
    }

    /// <summary>Each candidate's booking and messages (a practitioner's: once chosen), for the customers that exist (their contacts, and the endpoints).</summary>
    private async Task<(Dictionary<string, CustomerContact> Contacts, IReadOnlyList<WebhookEndpoint> Endpoints)> ComposeAsync(
        BookingDbContext db, List<ReservationCandidate> candidates, List<string> customerIds, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var endpoints = await WebhookOutbox.ActiveEndpointsAsync(db, cancellationToken);
        var contacts = await CustomerContacts.FindManyAsync(db, customerIds, cancellationToken);
        var holdUntil = paymentHolds.HoldUntil(nowUtc);
        foreach (var candidate in candidates.Where(c => contacts.ContainsKey(c.Request.CustomerId)))
        {
            var (request, service, slot) = (candidate.Request, candidate.Service, candidate.Slot);
            candidate.Booking = BookingWrites.NewBooking(service, request.CustomerId, candidate.CounterId, slot.StartUtc, slot.EndUtc, request.IdempotencyKey, nowUtc, holdUntil);
            (candidate.Booking.RequestFingerprint, candidate.Booking.VideoRoomLink) = (request.Fingerprint, videoRooms.NewRoomLinkFor(service));
            if (!service.BooksPractitioners)
            {
                candidate.Messages = await outbox.ComposeForNewBookingAsync(candidate.Booking, service, endpoints, contacts[request.CustomerId], tellHeld: request.TellHeld);
            }
        }

        return (contacts, endpoints);
    }

    private ReserveResult Booked(Domain.Booking booking, Service service)
    {
        logger.LogInformation("Booked {Confirmation} for service {ServiceId} at {StartUtc:o}.", booking.ConfirmationNumber, booking.ServiceId, booking.StartUtc);
        return ReserveResult.Success(BookingReader.ToView(booking, service));
    }
}
