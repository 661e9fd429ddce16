using BookingPortal.Data;
using BookingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// Queues the 24-hour and 1-hour reminders. The booking's "queued" flag is set by a conditional
/// update in the same transaction as the outbox row, so each reminder is queued once however
/// often, however late, and on however many instances the job runs. A reminder that is late
/// (the app was down) still goes while the appointment is ahead; once it has started, none do.
/// </summary>
public sealed class ReminderService(
    IDbContextFactory<BookingDbContext> dbFactory,
    NotificationOutbox outbox,
    TimeProvider time,
    ILogger<ReminderService> logger)
{
    public static readonly TimeSpan DayBefore = TimeSpan.FromHours(24);
    public static readonly TimeSpan HourBefore = TimeSpan.FromHours(1);
    private const int BatchSize = 200;

    /// <returns>How many reminders were queued.</returns>
    public async Task<int> QueueDueRemindersAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var dayAhead = nowUtc + DayBefore;
        var hourAhead = nowUtc + HourBefore;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && b.StartUtc > nowUtc && b.StartUtc <= dayAhead
                        && (b.Reminder24hQueuedAtUtc == null || (b.StartUtc <= hourAhead && b.Reminder1hQueuedAtUtc == null)))
            .OrderBy(b => b.StartUtc)
            .Select(b => new { b.Id, b.StartUtc, b.ConfirmedAtUtc })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var queued = 0;
        foreach (var booking in due)
        {
            if (await QueueReminderAsync(db, booking.Id, booking.StartUtc, booking.ConfirmedAtUtc, nowUtc, cancellationToken))
            {
                queued++;
            }
        }

        if (queued > 0)
        {
            logger.LogInformation("Queued {Count} reminder(s).", queued);
        }

        return queued;
    }

    /// <summary>Claims the booking's due reminder and queues it, in one transaction.</summary>
    /// <returns>True when a message was queued (a claimed reminder may be marked done without one).</returns>
    private async Task<bool> QueueReminderAsync(BookingDbContext db, Guid bookingId, DateTime startUtc, DateTime? confirmedAtUtc, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var queuedOne = false;
        var kind = startUtc <= nowUtc + HourBefore ? NotificationKind.Reminder1h : NotificationKind.Reminder24h;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // With an hour to go the day-before reminder is no use any more: it is marked done, not sent.
        var claimed = kind == NotificationKind.Reminder1h
            ? await db.Bookings
                .Where(b => b.Id == bookingId && b.Status == BookingStatus.Confirmed && b.Reminder1hQueuedAtUtc == null)
                .ExecuteUpdateAsync(b => b
                    .SetProperty(x => x.Reminder1hQueuedAtUtc, nowUtc)
                    .SetProperty(x => x.Reminder24hQueuedAtUtc, x => x.Reminder24hQueuedAtUtc ?? nowUtc), cancellationToken)
            : await db.Bookings
                .Where(b => b.Id == bookingId && b.Status == BookingStatus.Confirmed && b.Reminder24hQueuedAtUtc == null)
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.Reminder24hQueuedAtUtc, nowUtc), cancellationToken);
        if (claimed != 1)
        {
            return false;
        }

        // Booked (or paid) inside the reminder's own window: the confirmation just said it all.
        var lead = kind == NotificationKind.Reminder1h ? HourBefore : DayBefore;
        if (confirmedAtUtc is { } confirmedAt && confirmedAt < startUtc - lead)
        {
            await outbox.QueueReminderAsync(db, kind, bookingId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            queuedOne = true;
        }

        await transaction.CommitAsync(cancellationToken);
        return queuedOne;
    }
}
