using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Staff;
using BookingPortal.Features.Audit;

namespace BookingPortal.Features.Admin;

/// <summary>A day's appointments at the desk: who is due, who has arrived, and the no-shows.</summary>
/// <param name="PractitionerAway">The booking falls in its practitioner's time off: nobody will see the customer until staff reassign or cancel it.</param>
public sealed record FrontDeskRow(BookingView Booking, string CustomerName, bool CheckedIn, bool PractitionerAway);

/// <summary>
/// The receptionist's actions and the no-show sweep. Every change is a conditional update, so a
/// double click or a racing sweep acts once; every staff action is written to the audit log in
/// its own transaction.
/// </summary>
[ScopedService]
public sealed class FrontDeskService(
    IDbContextFactory<BookingDbContext> dbFactory, AuditLog audit, NotificationOutbox outbox, SlotChangeNotifier slotChanges, BookingChangeNotifier bookingChanges, ITimeOffBookings timeOff, TimeProvider time, ILogger<FrontDeskService> logger)
{
    /// <summary>How far back and ahead the desk lists appointments (and so how far ahead it may check one in).</summary>
    private static readonly (TimeSpan Back, TimeSpan Ahead) DeskWindow = (TimeSpan.FromHours(12), TimeSpan.FromHours(24));

    /// <summary>Appointments from 12 hours ago to 24 hours ahead, earliest first.</summary>
    public async Task<IReadOnlyList<FrontDeskRow>> TodayAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var (from, to) = (nowUtc - DeskWindow.Back, nowUtc + DeskWindow.Ahead);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Bookings.AsNoTracking().Include(b => b.Service)
            .Where(b => b.StartUtc >= from && b.StartUtc <= to && b.Status != BookingStatus.Cancelled)
            .Join(db.Users, b => b.CustomerId, u => u.Id, (b, u) => new { Booking = b, Name = u.DisplayName ?? u.Email ?? u.UserName ?? "" })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Booking.Id).ToList();
        var ledgers = (await db.LedgerEntries.AsNoTracking().Where(e => ids.Contains(e.BookingId)).ToListAsync(cancellationToken)).ToLookup(e => e.BookingId);
        var away = await timeOff.OfAsync(rows.Select(r => r.Booking.PractitionerId).OfType<int>().Distinct().ToList(), cancellationToken);
        return rows.OrderBy(r => r.Booking.StartUtc)
            .Select(r => new FrontDeskRow(
                BookingReader.ToView(r.Booking) with { Ledger = LedgerSummary.Of(ledgers[r.Booking.Id]) }, r.Name, r.Booking.CheckedInAtUtc is not null, away.Contains(r.Booking.Id)))
            .ToList();
    }

    /// <returns>False when the booking is not a confirmed one waiting to be checked in.</returns>
    public Task<bool> CheckInAsync(StaffActor actor, Guid bookingId, CancellationToken cancellationToken = default) =>
        StaffActionAsync(actor, (db, nowUtc) => CheckInOnceAsync(db, nowUtc, actor, bookingId, ownOnly: false, cancellationToken), cancellationToken);

    /// <summary>
    /// My day's check-in: only an appointment of the practitioner whose account is <paramref name="actor"/>'s, decided by the
    /// update itself, so a booking given to a colleague after the page or any earlier check read it is left alone.
    /// </summary>
    /// <returns>False as <see cref="CheckInAsync"/>, and when the booking is not (or no longer) theirs.</returns>
    public Task<bool> CheckInOwnAsync(StaffActor actor, Guid bookingId, CancellationToken cancellationToken = default) =>
        StaffActionAsync(actor, (db, nowUtc) => CheckInOnceAsync(db, nowUtc, actor, bookingId, ownOnly: true, cancellationToken), cancellationToken);

    private async Task<bool> CheckInOnceAsync(BookingDbContext db, DateTime nowUtc, StaffActor actor, Guid bookingId, bool ownOnly, CancellationToken cancellationToken)
    {
        // Not one further ahead than the desk lists: a row drawn before the booking moved to next week must not complete
        // next week's visit. A visit already started may be checked in however long ago (My day lists the whole day, and a
        // service's no-show grace may be up to a day).
        var latestStart = nowUtc + DeskWindow.Ahead;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var asRead = db.Bookings.Where(b => b.Id == bookingId && b.Status == BookingStatus.Confirmed && b.CheckedInAtUtc == null && b.StartUtc <= latestStart);
        var checkedIn = await MarkAttendedAsync(
            ownOnly ? asRead.Where(b => db.Practitioners.Any(p => p.Id == b.PractitionerId && p.UserId == actor.Id)) : asRead, nowUtc, actor, cancellationToken);
        if (checkedIn != 1)
        {
            return false;
        }

        await RecordAsync(db, actor, "booking.checked_in", bookingId, "", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Booking {BookingId} checked in by {StaffId}.", bookingId, actor.Id);
        return true;
    }

    /// <summary>Staff mark a no-show by hand once the appointment has started, without waiting for the grace period.</summary>
    public Task<bool> MarkNoShowAsync(StaffActor actor, Guid bookingId, CancellationToken cancellationToken = default) =>
        StaffActionAsync(actor, (db, nowUtc) => MarkNoShowOnceAsync(db, nowUtc, actor, bookingId, cancellationToken), cancellationToken);

    private async Task<bool> MarkNoShowOnceAsync(BookingDbContext db, DateTime nowUtc, StaffActor actor, Guid bookingId, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookingId && b.StartUtc <= nowUtc, cancellationToken);
        return booking is not null && await TryMarkNoShowAsync(db, booking, nowUtc, "Marked as a no-show by staff.", actor, cancellationToken);
    }

    /// <summary>
    /// The customer came after all: the no-show becomes a completed visit, the forfeit is reversed and their no-show
    /// count goes back down. Done once, recorded with who did it. A completed visit occupies its practitioner again,
    /// which the no-show had freed: refused when they (or the room) were given another appointment then meanwhile.
    /// </summary>
    public Task<UndoNoShowOutcome> UndoNoShowAsync(StaffActor actor, Guid bookingId, CancellationToken cancellationToken = default) =>
        StaffActionAsync(actor, (db, nowUtc) => UndoNoShowOnceAsync(db, nowUtc, actor, bookingId, cancellationToken), cancellationToken);

    private async Task<UndoNoShowOutcome> UndoNoShowOnceAsync(BookingDbContext db, DateTime nowUtc, StaffActor actor, Guid bookingId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = await db.Bookings.AsNoTracking().Include(b => b.Service).FirstOrDefaultAsync(b => b.Id == bookingId && b.Status == BookingStatus.NoShow, cancellationToken);
        if (booking is null)
        {
            return UndoNoShowOutcome.NothingChanged;
        }

        // The customer's row before the practitioners', the order a booking takes them in; rolled back unless undone.
        await db.Users.Where(u => u.Id == booking.CustomerId && u.NoShowCount > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.NoShowCount, x => x.NoShowCount - 1), cancellationToken);
        if (!await PractitionerSeats.CanRetakeAsync(db, booking.Service!, booking, cancellationToken))
        {
            return UndoNoShowOutcome.PractitionerUnavailable;
        }

        var asRead = db.Bookings.Where(b => b.Id == bookingId && b.Status == BookingStatus.NoShow && b.PractitionerId == booking.PractitionerId);
        if (await MarkAttendedAsync(asRead, nowUtc, actor, cancellationToken) != 1)
        {
            return UndoNoShowOutcome.NothingChanged;
        }

        var forfeited = await db.LedgerEntries.Where(e => e.BookingId == bookingId && e.Kind == LedgerEntryKind.NoShowForfeited).SumAsync(e => e.Amount, cancellationToken);
        if (forfeited > 0)
        {
            db.LedgerEntries.Add(LedgerEntry.For(bookingId, booking.Currency, LedgerEntryKind.NoShowForfeitReversed, forfeited, nowUtc, "No-show undone by staff.", actor.Id));
        }

        await outbox.QueueNoShowUndoneAsync(db, bookingId, cancellationToken);
        await RecordAsync(db, actor, "booking.no_show_undone", bookingId, "Marked as attended.", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return UndoNoShowOutcome.Undone;
    }

    /// <summary>
    /// Marks every confirmed booking nobody checked in for by start + grace as a no-show, each exactly once. Each in its
    /// own transaction, run again with a fresh context when the database gave it up for another's sake (a check-in or a
    /// move landing on it): one lost conflict no longer ended the sweep and left the rest for the next minute.
    /// </summary>
    /// <returns>How many this call marked.</returns>
    public async Task<int> SweepNoShowsAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        List<Domain.Booking> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            candidates = await DueNoShowsAsync(db, nowUtc, cancellationToken);
        }

        var marked = 0;
        foreach (var booking in candidates)
        {
            var note = $"Not checked in {booking.Service!.NoShowGraceMinutes} minutes after the start.";
            if (await ConflictRetry.RunAsync(dbFactory, db => TryMarkNoShowAsync(db, booking, nowUtc, note, actor: null, cancellationToken), logger, cancellationToken))
            {
                marked++;
            }
        }

        if (marked > 0)
        {
            logger.LogInformation("Marked {Count} bookings as no-shows.", marked);
        }

        return marked;
    }

    /// <summary>The sweep's batch size, per grace period in use.</summary>
    internal const int NoShowBatchSize = 500;

    /// <summary>
    /// The oldest due bookings, one query per grace period in use (a handful): the grace is in the query, so bookings
    /// started but still within a longer grace never fill a batch ahead of due ones.
    /// </summary>
    private static async Task<List<Domain.Booking>> DueNoShowsAsync(BookingDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var graces = await db.Services.Select(s => s.NoShowGraceMinutes).Distinct().ToListAsync(cancellationToken);
        var due = new List<Domain.Booking>();
        foreach (var grace in graces)
        {
            var startedBy = NoShowPolicy.DueIfStartedByUtc(grace, nowUtc);
            due.AddRange(await db.Bookings.AsNoTracking().Include(b => b.Service)
                .Where(b => b.Status == BookingStatus.Confirmed && b.CheckedInAtUtc == null && b.StartUtc <= startedBy && b.Service!.NoShowGraceMinutes == grace)
                .OrderBy(b => b.StartUtc)
                .Take(NoShowBatchSize)
                .ToListAsync(cancellationToken));
        }

        return due;
    }

    private async Task<bool> TryMarkNoShowAsync(
        BookingDbContext db, Domain.Booking booking, DateTime nowUtc, string note, StaffActor? actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // At the start it was read with: a move committed since then took the booking to a time not yet come.
        var changed = await db.Bookings
            .Where(b => b.Id == booking.Id && b.Status == BookingStatus.Confirmed && b.CheckedInAtUtc == null && b.StartUtc == booking.StartUtc)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.Status, BookingStatus.NoShow), cancellationToken);
        if (changed != 1)
        {
            return false;
        }

        await db.Users.Where(u => u.Id == booking.CustomerId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.NoShowCount, x => x.NoShowCount + 1), cancellationToken);
        if (booking.DepositAmount > 0)
        {
            db.LedgerEntries.Add(LedgerEntry.For(booking.Id, booking.Currency, LedgerEntryKind.NoShowForfeited, booking.DepositAmount, nowUtc, note, actor?.Id));
        }

        if (actor is not null)
        {
            audit.Record(db, actor, "booking.no_show_marked", booking.ConfirmationNumber);
        }

        await outbox.QueueNoShowAsync(db, booking.Id, nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        slotChanges.NotifyChanged(booking.ServiceId);
        bookingChanges.NotifyChanged(booking.Id);
        return true;
    }

    /// <summary>
    /// A desk action, for staff only, at the time it runs, in a fresh context; the whole unit again, with a fresh
    /// context, when the database gave it up for another transaction's sake.
    /// </summary>
    private async Task<T> StaffActionAsync<T>(StaffActor actor, Func<BookingDbContext, DateTime, Task<T>> once, CancellationToken cancellationToken)
    {
        actor.EnsureStaff();
        return await ConflictRetry.RunAsync(dbFactory, db => once(db, time.GetUtcNow().UtcDateTime), logger, cancellationToken);
    }

    /// <summary>The visit happened: completed, with when and by whom, for the bookings still in the state that was read.</summary>
    private static Task<int> MarkAttendedAsync(IQueryable<Domain.Booking> asRead, DateTime nowUtc, StaffActor actor, CancellationToken cancellationToken) =>
        asRead.ExecuteUpdateAsync(b => b
            .SetProperty(x => x.Status, BookingStatus.Completed)
            .SetProperty(x => x.CheckedInAtUtc, nowUtc)
            .SetProperty(x => x.CheckedInById, actor.Id), cancellationToken);

    private async Task RecordAsync(BookingDbContext db, StaffActor actor, string action, Guid bookingId, string details, CancellationToken cancellationToken)
    {
        var number = await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.ConfirmationNumber).SingleAsync(cancellationToken);
        audit.Record(db, actor, action, number, details);
        await db.SaveChangesAsync(cancellationToken);
    }
}
