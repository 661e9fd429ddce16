using BookingPortal.Features.Localization;
using BookingPortal.Features.Notifications;

namespace BookingPortal.Features.Queue;

/// <summary>The "your turn" messages of one admission tick, queued in its transaction for those who opted in.</summary>
[ScopedService]
public sealed class TurnMessages(YourTurnMessages outbox, TurnLinks links)
{
    /// <summary>
    /// Entries this tick admitted (still admitted: a turn used at once needs no message) with a choice of
    /// channels. Their stored admission instant names the event, so a tick repeated in the same second
    /// finds the message written and adds none.
    /// </summary>
    public async Task QueueForAdmittedAsync(BookingDbContext db, ReleaseOpening opening, Release release, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // A provider may store the instant less precisely than the clock gives it (PostgreSQL keeps microseconds).
        var since = nowUtc.AddSeconds(-1);
        var turns = await db.QueueEntries.AsNoTracking()
            .Where(e => e.OpeningId == opening.Id && e.Status == QueueEntryStatus.Admitted && e.AdmittedAtUtc > since && e.AdmittedAtUtc <= nowUtc
                        && e.CustomerId != null && e.TurnMessageChannels != ReminderChannels.None)
            .Join(db.Users, e => e.CustomerId, u => u.Id, (e, u) => new { e.Id, e.CustomerId, e.AdmittedAtUtc, e.ExpiresAtUtc, e.TurnMessageChannels, u.PreferredCulture })
            .ToListAsync(cancellationToken);
        if (turns.Count == 0)
        {
            return;
        }

        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == release.ServiceId, cancellationToken);
        foreach (var turn in turns)
        {
            var (admitted, ends) = (turn.AdmittedAtUtc!.Value, turn.ExpiresAtUtc!.Value);
            var culture = MessageLanguage.Of(turn.PreferredCulture) == MessageLanguage.Spanish ? PortalCultures.Spanish : PortalCultures.English;
            await outbox.QueueAsync(db, turn.CustomerId!, YourTurnMessages.EventKey(turn.Id, admitted), service, ends, links.PathFor(turn.Id, admitted, ends, culture),
                turn.TurnMessageChannels, cancellationToken);
        }
    }
}
