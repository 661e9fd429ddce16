namespace BookingPortal.Features.Notifications;

/// <summary>
/// Queues each service's reminders (its <see cref="ReminderPlan"/>). A reminder is claimed by
/// inserting its <see cref="BookingReminder"/> row in the transaction that queues the message; the
/// unique key (booking, reminder, start) makes the database refuse a second claim, so each reminder
/// is queued once however often, however late, and on however many instances the job runs. A late
/// reminder (the app was down) still goes while the appointment is ahead; when several are due at
/// once only the one nearest the start goes and the others are claimed without a message.
/// </summary>
[ScopedService]
public sealed class ReminderService(
    IDbContextFactory<BookingDbContext> dbFactory,
    NotificationOutbox outbox,
    TimeProvider time,
    ILogger<ReminderService> logger)
{
    private const int BatchSize = 200;

    private sealed record Due(Guid BookingId, int ServiceId, DateTime StartUtc, DateTime? ConfirmedAtUtc, int MinutesBefore);

    /// <returns>How many reminders were queued.</returns>
    public async Task<int> QueueDueRemindersAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        List<Due> due;
        Dictionary<int, IReadOnlyList<ReminderStep>> plans;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await FindDueAsync(db, nowUtc, cancellationToken);
            var serviceIds = due.Select(d => d.ServiceId).Distinct().ToList();
            var rows = await db.ServiceReminders.AsNoTracking().Where(r => serviceIds.Contains(r.ServiceId)).ToListAsync(cancellationToken);
            plans = serviceIds.ToDictionary(id => id, id => ReminderPlan.Of(rows.Where(r => r.ServiceId == id).ToList()));
        }

        var queued = 0;
        foreach (var booking in due.GroupBy(d => d.BookingId))
        {
            var offsets = booking.Select(d => d.MinutesBefore).OrderBy(m => m).ToList();
            var first = booking.First();
            var step = plans[first.ServiceId].First(s => s.MinutesBefore == offsets[0]);
            if (await ClaimAsync(first, offsets, step, nowUtc, cancellationToken))
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

    /// <summary>Every unclaimed reminder whose time has come, one query per distinct offset in use (a handful).</summary>
    private static async Task<List<Due>> FindDueAsync(BookingDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var offsets = await db.ServiceReminders.Where(r => r.Channels != ReminderChannels.None).Select(r => r.MinutesBefore).Distinct().ToListAsync(cancellationToken);
        var due = new List<Due>();
        foreach (var minutes in offsets.Union(ReminderPlan.Default.Select(s => s.MinutesBefore)))
        {
            var horizon = nowUtc.AddMinutes(minutes);
            var inDefaultPlan = ReminderPlan.Default.Any(s => s.MinutesBefore == minutes);
            due.AddRange(await db.Bookings.AsNoTracking()
                .Where(b => b.Status == BookingStatus.Confirmed && b.StartUtc > nowUtc && b.StartUtc <= horizon)
                .Where(b => db.ServiceReminders.Any(r => r.ServiceId == b.ServiceId && r.MinutesBefore == minutes && r.Channels != ReminderChannels.None)
                            || (inDefaultPlan && !db.ServiceReminders.Any(r => r.ServiceId == b.ServiceId)))
                .Where(b => !db.BookingReminders.Any(r => r.BookingId == b.Id && r.MinutesBefore == minutes && r.AppointmentStartUtc == b.StartUtc))
                .OrderBy(b => b.StartUtc)
                .Take(BatchSize)
                .Select(b => new Due(b.Id, b.ServiceId, b.StartUtc, b.ConfirmedAtUtc, minutes))
                .ToListAsync(cancellationToken));
        }

        return due;
    }

    /// <summary>Claims the booking's due reminders and queues the one nearest the start, in one transaction.</summary>
    /// <returns>True when a message was queued; false when another instance claimed them first, or none was worth sending.</returns>
    private async Task<bool> ClaimAsync(Due booking, IReadOnlyList<int> offsets, ReminderStep nearest, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.BookingReminders.Where(r => r.BookingId == booking.BookingId && r.AppointmentStartUtc == booking.StartUtc)
            .Select(r => r.MinutesBefore).ToListAsync(cancellationToken);
        // Claimed since this run read its list (by another instance): skip without meeting the unique key.
        if (claimed.Intersect(offsets).Any())
        {
            return false;
        }

        var worthSending = WorthSending(booking, nearest, claimed);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await HoldAsReadAsync(db, booking, cancellationToken))
        {
            return false;
        }

        var claims = Claims(booking, offsets, worthSending ? nearest.MinutesBefore : null, nowUtc);
        db.BookingReminders.AddRange(claims);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance claimed one of them first; it queues what is due. The rollback drops ours.
            return false;
        }

        if (worthSending)
        {
            await outbox.QueueReminderAsync(db, booking.BookingId, nearest, claims.Single(c => c.Queued).Id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return worthSending;
    }

    private static List<BookingReminder> Claims(Due booking, IReadOnlyList<int> offsets, int? queuedMinutes, DateTime nowUtc) =>
        offsets.Select(minutes => new BookingReminder
        {
            BookingId = booking.BookingId, MinutesBefore = minutes, AppointmentStartUtc = booking.StartUtc, ClaimedAtUtc = nowUtc, Queued = minutes == queuedMinutes,
        }).ToList();

    /// <summary>
    /// Not when booked (or paid) inside the reminder's own window: the confirmation just said it all. Nor when a reminder
    /// nearer the start already went (staff added this earlier one to the list afterwards): it would come after it.
    /// </summary>
    private static bool WorthSending(Due booking, ReminderStep nearest, IReadOnlyList<int> claimedBefore) =>
        booking.ConfirmedAtUtc is { } confirmedAt && confirmedAt < booking.StartUtc.AddMinutes(-nearest.MinutesBefore)
        && !claimedBefore.Any(minutes => minutes < nearest.MinutesBefore);

    /// <summary>
    /// Holds the booking as it was read (confirmed, at this time) until the reminder is queued: a move or a cancel waits,
    /// and its message comes after this one. False when one landed since the read; the next run sees the booking as it is.
    /// </summary>
    private static async Task<bool> HoldAsReadAsync(BookingDbContext db, Due booking, CancellationToken cancellationToken) =>
        await db.Bookings.Where(b => b.Id == booking.BookingId && b.StartUtc == booking.StartUtc && b.Status == BookingStatus.Confirmed)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.StartUtc, x => x.StartUtc), cancellationToken) == 1;
}
