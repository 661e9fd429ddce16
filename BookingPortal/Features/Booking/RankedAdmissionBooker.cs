using BookingPortal.Features.Bookings;
using BookingPortal.Features.Queue;

namespace BookingPortal.Features.Booking;

/// <summary>
/// Books the just-admitted entries' ranked choices through the reservation writer, in the admission's transaction:
/// each round is one batch of everyone's best choice not yet known to be gone (<see cref="RankedChoiceSelection{TKey}"/>),
/// so the writer's rules, staffing, seats and deposits decide exactly as for a booking made by hand, and the earlier
/// place is served first. Whoever ends with no time left is admitted as today and told their choices were taken; whoever
/// is booked with an online deposit to pay is told by when, as they may not be at the screen.
/// </summary>
internal sealed class RankedAdmissionBooker(ReservationBatchWriter writer, ILogger<RankedAdmissionBooker> logger) : IRankedAdmissions
{
    public async Task<IReadOnlyList<int>> BookAdmittedAsync(BookingDbContext db, long openingId, DateTime admittedAtUtc, CancellationToken cancellationToken)
    {
        // This tick's admissions (PostgreSQL keeps microseconds, not the clock's ticks); an outcome is recorded once.
        var since = admittedAtUtc.AddSeconds(-1);
        var ranked = await db.QueueEntries.AsNoTracking()
            .Where(e => e.OpeningId == openingId && e.Status == QueueEntryStatus.Admitted && e.AdmittedAtUtc > since && e.CustomerId != null)
            .Join(db.RankedChoices.AsNoTracking().Where(c => c.Outcome == RankedOutcome.Waiting), e => e.Id, c => c.QueueEntryId, (e, c) => new { e.Sequence, e.CustomerId, Choices = c })
            .ToListAsync(cancellationToken);
        if (ranked.Count == 0)
        {
            return [];
        }

        var serviceId = await db.ReleaseOpenings.Where(o => o.Id == openingId).Join(db.Releases, o => o.ReleaseId, r => r.Id, (o, r) => r.ServiceId).SingleAsync(cancellationToken);
        var entries = ranked.OrderBy(r => r.Sequence).ToDictionary(r => r.Choices.QueueEntryId);
        var selection = new RankedChoiceSelection<long>(entries.Values.Select(r => (r.Choices.QueueEntryId, r.Choices.Slots)));
        await SkipSlotsWithoutCounterAsync(db, serviceId, selection, entries.Values.SelectMany(r => r.Choices.Slots).Distinct().ToList(), cancellationToken);

        var booked = new Dictionary<long, BookingView>();
        for (var round = selection.NextRound(); round.Count > 0; round = selection.NextRound())
        {
            var requests = round.Select(p => Request(entries[p.Key].CustomerId!, serviceId, p.SlotStartUtc, entries[p.Key].Choices, admittedAtUtc)).ToList();
            Record(round, await writer.WriteWithinAsync(db, requests, cancellationToken), selection, booked);
        }

        await RecordOutcomesAsync(db, entries.Keys, booked, cancellationToken);
        return booked.Count > 0 ? [serviceId] : [];
    }

    /// <summary>What each proposal of a round became: booked, on to the next choice (no seat, or nobody to staff it), or decided.</summary>
    private void Record(List<(long Key, DateTime SlotStartUtc)> round, IReadOnlyList<ReserveResult> results, RankedChoiceSelection<long> selection, Dictionary<long, BookingView> booked)
    {
        for (var i = 0; i < round.Count; i++)
        {
            var (key, slot) = round[i];
            switch (results[i])
            {
                case { Booking: { } booking }:
                    booked[key] = booking;
                    selection.Decided(key);
                    break;
                case { Error: BookingError.SlotFull }:
                    selection.SlotFull(key, slot);
                    break;
                case { Error: BookingError.PractitionerUnavailable }:
                    selection.MoveOn(key);
                    break;
                case { Error: var error }:
                    logger.LogInformation("Ranked choices of queue entry {EntryId} refused at admission: {Error}.", key, error);
                    selection.Decided(key);
                    break;
            }
        }
    }

    private static ReserveRequest Request(string customerId, int serviceId, DateTime slotStartUtc, RankedChoiceSet choices, DateTime admittedAtUtc) =>
        // One key per turn: a repeat inside the transaction answers with the booking, a later turn books afresh.
        new(customerId, serviceId, slotStartUtc, $"ranked-{choices.QueueEntryId}-{admittedAtUtc.Ticks}")
        {
            Answers = new AnswersGiven(choices.AnswerValues, choices.AnswersLanguage),
            TellHeld = true,
        };

    /// <summary>
    /// Saving choices creates their slots' counters; a slot still without one (its schedule changed since) is passed
    /// over, as creating a counter takes a connection of its own that this transaction would keep waiting.
    /// </summary>
    private static async Task SkipSlotsWithoutCounterAsync(
        BookingDbContext db, int serviceId, RankedChoiceSelection<long> selection, List<DateTime> slots, CancellationToken cancellationToken)
    {
        var counters = await SlotInventoryStore.FindCountersAsync(db, [serviceId], slots, cancellationToken);
        foreach (var slot in slots.Where(s => !counters.ContainsKey((serviceId, s))))
        {
            selection.Gone(slot);
        }
    }

    private static async Task RecordOutcomesAsync(BookingDbContext db, IEnumerable<long> entryIds, Dictionary<long, BookingView> booked, CancellationToken cancellationToken)
    {
        foreach (var entryId in entryIds)
        {
            var confirmation = booked.GetValueOrDefault(entryId)?.ConfirmationNumber;
            await db.RankedChoices.Where(c => c.QueueEntryId == entryId && c.Outcome == RankedOutcome.Waiting)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.Outcome, confirmation is null ? RankedOutcome.Taken : RankedOutcome.Booked)
                    .SetProperty(x => x.BookedConfirmation, confirmation), cancellationToken);
        }
    }
}
