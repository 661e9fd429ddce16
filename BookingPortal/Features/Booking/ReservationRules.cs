using BookingPortal.Features.Bookings;
using BookingPortal.Features.Queue;

namespace BookingPortal.Features.Booking;

/// <summary>
/// The rules a reservation meets inside its customer's gate, each one statement for a whole batch
/// of candidates (a booking made alone is a batch of one): a repeat of an earlier request, the
/// customer, the acting staff member's role, the staff-help flag, the limit and the queue turn;
/// then the seat.
/// </summary>
internal static class ReservationRules
{
    /// <summary>
    /// For every candidate: a repeat of an earlier request gets that booking (read here, before the
    /// commit), a refusal is noted. Call inside the customers' gates.
    /// </summary>
    /// <param name="customers">The customers who exist and whose gates let them in (a closed account's does not).</param>
    public static async Task RefuseInsideGatesAsync(
        BookingDbContext db, List<ReservationCandidate> candidates, IReadOnlySet<string> customers, AccountRules rules, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var customerIds = candidates.Select(c => c.Request.CustomerId).ToList();
        var serviceIds = candidates.Select(c => c.Service.Id).Distinct().ToList();
        var earlier = await EarlierBookingsAsync(db, candidates.Select(c => c.Request).ToList(), cancellationToken);
        var staff = await StaffAmongAsync(db, candidates, cancellationToken);
        var needStaffHelp = (await db.Users.Where(u => customerIds.Contains(u.Id)).Where(BookingWrites.NeedsStaffHelp).Select(u => u.Id).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var unconfirmed = !rules.RequireConfirmedEmail ? [] : (await db.Users.Where(u => customerIds.Contains(u.Id)).Where(rules.Unconfirmed).Select(u => u.Id).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var active = (await db.Bookings.Where(BookingWrites.ActiveAfter(nowUtc))
                .Where(b => customerIds.Contains(b.CustomerId) && serviceIds.Contains(b.ServiceId))
                .GroupBy(b => new { b.CustomerId, b.ServiceId })
                .Select(g => new { g.Key.CustomerId, g.Key.ServiceId, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => (a.CustomerId, a.ServiceId), a => a.Count);
        var seatsHeld = await SeatsHeldAsync(db, candidates, cancellationToken);
        var queued = candidates.Where(c => c.NeedsQueueTurn).ToList();
        var turns = queued.Count == 0 ? [] : await ReleaseGate.AdmittedTurnsAsync(
            db, queued.Select(c => c.Request.CustomerId).ToList(), queued.Select(c => c.ReleaseId!.Value).Distinct().ToList(), nowUtc, cancellationToken);

        foreach (var candidate in candidates)
        {
            var (customerId, staffId, service) = (candidate.Request.CustomerId, candidate.Request.ActingStaffId, candidate.Service);
            candidate.Earlier = earlier.GetValueOrDefault(candidate.Request);
            candidate.QueueEntryId = candidate.NeedsQueueTurn && turns.TryGetValue((customerId, candidate.ReleaseId!.Value), out var entryId) ? entryId : null;
            candidate.Refusal = candidate.Earlier is not null ? null
                : !customers.Contains(customerId) ? BookingError.InvalidRequest
                : staffId is not null && !staff.Contains(staffId) ? BookingError.InvalidRequest
                : candidate.Request.TermsShown is { } shown && shown != BookingTerms.Of(service) ? BookingError.TermsChanged
                : staffId is null && unconfirmed.Contains(customerId) ? BookingError.EmailNotConfirmed
                : staffId is null && needStaffHelp.Contains(customerId) ? BookingError.NeedsStaffHelp
                : seatsHeld.Contains((customerId, candidate.CounterId)) ? BookingError.SeatAlreadyHeld
                : BookingRules.HasReachedLimit(service, active.GetValueOrDefault((customerId, service.Id))) ? BookingError.LimitReached
                : candidate.NeedsQueueTurn && candidate.QueueEntryId is null ? BookingError.NotAdmitted
                : null;
        }
    }

    /// <summary>The candidates whose answers meet their service's questions; the others are refused with a problem per answer.</summary>
    public static async Task<List<ReservationCandidate>> WithValidAnswersAsync(
        BookingDbContext db, List<ReservationCandidate> onSale, ReserveResult?[] results, List<int> replays, CancellationToken cancellationToken)
    {
        var questions = await BookingAnswerWrites.QuestionsAsync(db, onSale.Select(c => c.Service.Id).Distinct().ToList(), cancellationToken);
        var answered = new List<ReservationCandidate>();
        foreach (var candidate in onSale)
        {
            var (answers, problems) = BookingAnswerWrites.Check(questions[candidate.Service.Id], candidate.Request);
            if (problems.Count > 0)
            {
                results[candidate.Index] = ReserveResult.Failure(BookingError.AnswersInvalid, candidate.Service) with { AnswerProblems = problems };
                replays.Add(candidate.Index);
                continue;
            }

            candidate.Answers = answers;
            answered.Add(candidate);
        }

        return answered;
    }

    /// <summary>
    /// The seats the candidates' customers already hold in the slots they ask for, where the service gives
    /// one seat per customer per slot. Read inside the customers' gates, so no other booking of theirs can
    /// take one meanwhile: the insert that follows is conditional on this answer.
    /// </summary>
    private static async Task<HashSet<(string CustomerId, long CounterId)>> SeatsHeldAsync(
        BookingDbContext db, List<ReservationCandidate> candidates, CancellationToken cancellationToken)
    {
        var oneSeat = candidates.Where(c => !c.Service.AllowSeveralSeatsPerCustomer).ToList();
        if (oneSeat.Count == 0)
        {
            return [];
        }

        var customerIds = oneSeat.Select(c => c.Request.CustomerId).ToList();
        var counterIds = oneSeat.Select(c => c.CounterId).Distinct().ToList();
        return (await db.Bookings.Where(Domain.Booking.HoldsSeat)
                .Where(b => customerIds.Contains(b.CustomerId) && counterIds.Contains(b.SlotInventoryId))
                .Select(b => new { b.CustomerId, b.SlotInventoryId })
                .ToListAsync(cancellationToken))
            .Select(b => (b.CustomerId, b.SlotInventoryId))
            .ToHashSet();
    }

    /// <summary>The acting staff members who really hold a staff role, re-read from the database (few: staff book at the desk one at a time).</summary>
    private static async Task<HashSet<string>> StaffAmongAsync(BookingDbContext db, List<ReservationCandidate> candidates, CancellationToken cancellationToken)
    {
        var staff = new HashSet<string>(StringComparer.Ordinal);
        foreach (var staffId in candidates.Select(c => c.Request.ActingStaffId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await Roles.IsStaffAsync(db, staffId, cancellationToken))
            {
                staff.Add(staffId);
            }
        }

        return staff;
    }

    /// <summary>
    /// Uses up the open candidates' queue turns before their seats. A turn the admission job expired
    /// since it was read is not used: that candidate is refused as not admitted. Returns the
    /// candidates whose turn was used. Call inside the customers' gates.
    /// </summary>
    public static async Task<List<ReservationCandidate>> UseQueueTurnsAsync(
        BookingDbContext db, List<ReservationCandidate> candidates, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var withTurn = candidates.Where(c => c.QueueEntryId is not null).ToList();
        if (withTurn.Count == 0)
        {
            return [];
        }

        var used = await ReleaseGate.UseTurnsAsync(db, withTurn.Select(c => c.QueueEntryId!.Value).ToList(), nowUtc, cancellationToken);
        foreach (var lapsed in withTurn.Where(c => !used.Contains(c.QueueEntryId!.Value)))
        {
            lapsed.Refusal = BookingError.NotAdmitted;
        }

        return withTurn.Where(c => c.Refusal is null).ToList();
    }

    /// <summary>
    /// Gives the slots' free seats to the candidates in the order they came and counts them taken
    /// (the conditional update, Booked &lt; Capacity), one slot after another in the order of their
    /// counters' ids, so two batches, or a batch and a move between two slots, always lock counters
    /// in the same order and cannot deadlock on them. Candidates left without a seat are refused as full.
    /// </summary>
    public static async Task<List<ReservationCandidate>> TakeSeatsAsync(BookingDbContext db, List<ReservationCandidate> candidates, CancellationToken cancellationToken)
    {
        var granted = new List<ReservationCandidate>();
        foreach (var seekers in candidates.GroupBy(c => c.CounterId).OrderBy(g => g.Key).Select(g => g.ToList()))
        {
            var counterId = seekers[0].CounterId;
            var seats = await SlotInventoryStore.TakeSeatsAsync(db, counterId, seekers.Count, cancellationToken) == 1 ? seekers.Count
                : await SlotInventoryStore.TakeFreeSeatsAsync(db, counterId, seekers.Count, cancellationToken);
            granted.AddRange(seekers.Take(seats));
            foreach (var turnedAway in seekers.Skip(seats))
            {
                turnedAway.Refusal = BookingError.SlotFull;
            }
        }

        return granted;
    }

    /// <summary>Answers each refused request whose key already booked: with that booking, or as a reused key when it was another request.</summary>
    public static async Task AnswerReplaysAsync(
        BookingDbContext db, IReadOnlyList<ReserveRequest> requests, List<int> refused, ReserveResult?[] results, CancellationToken cancellationToken)
    {
        if (refused.Count == 0)
        {
            return;
        }

        var earlier = await EarlierBookingsAsync(db, refused.Select(i => requests[i]).ToList(), cancellationToken);
        foreach (var i in refused.Where(i => earlier.ContainsKey(requests[i])))
        {
            results[i] = earlier[requests[i]];
        }
    }

    /// <summary>
    /// The bookings the requests already made (same customer, same idempotency key). One query finds
    /// the few that may have one, compared loosely (a database may compare keys without case); each
    /// of those is then looked up by <see cref="BookingReader.FindByIdempotencyKeyAsync"/>, so the
    /// database's own comparison decides.
    /// </summary>
    private static async Task<Dictionary<ReserveRequest, ReserveResult>> EarlierBookingsAsync(
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
        var earlier = new Dictionary<ReserveRequest, ReserveResult>(ReferenceEqualityComparer.Instance);
        foreach (var request in requests.Where(r => found.Contains(r.CustomerId + "\n" + r.IdempotencyKey)))
        {
            if (await BookingReader.FindByIdempotencyKeyAsync(db, request, cancellationToken) is { } booking)
            {
                earlier[request] = booking;
            }
        }

        return earlier;
    }
}
