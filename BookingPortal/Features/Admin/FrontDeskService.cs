using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Booking;
using BookingPortal.Features.Catalog;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Admin;

/// <summary>A day's appointments at the desk: who is due, who has arrived, and the no-shows.</summary>
public sealed record FrontDeskRow(BookingView Booking, string CustomerName, bool CheckedIn);

/// <summary>
/// The receptionist's actions. Staff-only: callers are authorised by the page's role policy,
/// and every change is a conditional update so a double click or a racing sweep acts once.
/// </summary>
public sealed class FrontDeskService(IDbContextFactory<BookingDbContext> dbFactory, SlotChangeNotifier slotChanges, TimeProvider time, ILogger<FrontDeskService> logger)
{
    /// <summary>Appointments from 12 hours ago to 24 hours ahead, earliest first.</summary>
    public async Task<IReadOnlyList<FrontDeskRow>> TodayAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var from = nowUtc.AddHours(-12);
        var to = nowUtc.AddHours(24);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Bookings.AsNoTracking().Include(b => b.Service)
            .Where(b => b.StartUtc >= from && b.StartUtc <= to && b.Status != BookingStatus.Cancelled)
            .Join(db.Users, b => b.CustomerId, u => u.Id, (b, u) => new { Booking = b, Name = u.DisplayName ?? u.Email ?? u.UserName ?? "" })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Booking.Id).ToList();
        var ledgers = (await db.LedgerEntries.AsNoTracking().Where(e => ids.Contains(e.BookingId)).ToListAsync(cancellationToken)).ToLookup(e => e.BookingId);
        return rows.OrderBy(r => r.Booking.StartUtc)
            .Select(r => new FrontDeskRow(BookingService.ToView(r.Booking) with { Ledger = LedgerSummary.Of(ledgers[r.Booking.Id]) }, r.Name, r.Booking.CheckedInAtUtc is not null))
            .ToList();
    }

    /// <returns>False when the booking is not a confirmed one waiting to be checked in.</returns>
    public async Task<bool> CheckInAsync(Guid bookingId, string staffId, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var checkedIn = await db.Bookings
            .Where(b => b.Id == bookingId && b.Status == BookingStatus.Confirmed && b.CheckedInAtUtc == null)
            .ExecuteUpdateAsync(b => b
                .SetProperty(x => x.Status, BookingStatus.Completed)
                .SetProperty(x => x.CheckedInAtUtc, nowUtc)
                .SetProperty(x => x.CheckedInById, staffId), cancellationToken);
        if (checkedIn == 1)
        {
            logger.LogInformation("Booking {BookingId} checked in by {StaffId}.", bookingId, staffId);
        }

        return checkedIn == 1;
    }

    /// <summary>Marks every confirmed booking nobody checked in for by start + grace as a no-show, each exactly once.</summary>
    /// <returns>How many this call marked.</returns>
    public async Task<int> SweepNoShowsAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Bookings.AsNoTracking().Include(b => b.Service)
            .Where(b => b.Status == BookingStatus.Confirmed && b.CheckedInAtUtc == null && b.StartUtc <= nowUtc)
            .OrderBy(b => b.StartUtc)
            .Take(500)
            .ToListAsync(cancellationToken);
        var marked = 0;
        foreach (var booking in candidates.Where(b => NoShowPolicy.IsDue(b.Service!, b, nowUtc)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await db.Bookings
                .Where(b => b.Id == booking.Id && b.Status == BookingStatus.Confirmed && b.CheckedInAtUtc == null)
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.Status, BookingStatus.NoShow), cancellationToken);
            if (changed != 1)
            {
                continue;
            }

            await db.Users.Where(u => u.Id == booking.CustomerId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.NoShowCount, x => x.NoShowCount + 1), cancellationToken);
            if (booking.DepositAmount > 0)
            {
                db.LedgerEntries.Add(LedgerEntry.For(booking.Id, booking.Currency, LedgerEntryKind.NoShowForfeited, booking.DepositAmount, nowUtc,
                    $"Not checked in {booking.Service!.NoShowGraceMinutes} minutes after the start."));
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            marked++;
            slotChanges.NotifyChanged(booking.ServiceId);
        }

        if (marked > 0)
        {
            logger.LogInformation("Marked {Count} bookings as no-shows.", marked);
        }

        return marked;
    }
}
