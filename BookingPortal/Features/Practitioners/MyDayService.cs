using BookingPortal.Features.Admin;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Practitioners;

/// <summary>The signed-in practitioner's own day; null Practitioner when their account has no profile.</summary>
public sealed record MyDay(int? PractitionerId, string DisplayName, DateOnly Date, string TimeZoneId, IReadOnlyList<PractitionerAppointment> Appointments);

/// <summary>What My day's check-in did: NotYours when the appointment is another practitioner's (given to a colleague since the page was drawn).</summary>
public enum MyDayCheckIn
{
    CheckedIn,
    NotYours,
    NotNow,
}

/// <summary>
/// "My day": the appointments today (in their services' zone) of the practitioner whose staff account is signed
/// in, and check-in through the front desk's own operation, so the rule that decides who can be checked in is one.
/// </summary>
[ScopedService]
public sealed class MyDayService(IDbContextFactory<BookingDbContext> dbFactory, FrontDeskService frontDesk, TimeProvider time)
{
    public async Task<MyDay> TodayAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var practitioner = await db.Practitioners.AsNoTracking().Where(p => p.UserId == actor.Id).Select(p => new { p.Id, p.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        if (practitioner is null)
        {
            return new MyDay(null, actor.Name, DateOnly.FromDateTime(nowUtc), "UTC", []);
        }

        var zoneId = await PractitionerZone.OfAsync(db, practitioner.Id, cancellationToken);
        var zone = TimeZoneCache.Find(zoneId);
        var today = WallTime.LocalDateOf(nowUtc, zone);
        var fromUtc = WallTime.ToUtc(today.ToDateTime(TimeOnly.MinValue), zone);
        var toUtc = WallTime.ToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var appointments = await PractitionerAppointments.ListAsync(db, practitioner.Id, fromUtc, toUtc, onlyHoldingSeats: false, cancellationToken);
        return new MyDay(practitioner.Id, practitioner.DisplayName, today, zoneId, appointments);
    }

    /// <summary>Only the practitioner's own appointment: My day is no back door to the front desk's whole list.</summary>
    public async Task<MyDayCheckIn> CheckInAsync(StaffActor actor, Guid bookingId, CancellationToken cancellationToken = default)
    {
        // Whose it is is part of the check-in's own conditional update: checked before it, a reassignment could land in between.
        if (await frontDesk.CheckInOwnAsync(actor, bookingId, cancellationToken))
        {
            return MyDayCheckIn.CheckedIn;
        }

        // Only to say why: the update has decided.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var own = await db.Bookings.AnyAsync(b => b.Id == bookingId && db.Practitioners.Any(p => p.Id == b.PractitionerId && p.UserId == actor.Id), cancellationToken);
        return own ? MyDayCheckIn.NotNow : MyDayCheckIn.NotYours;
    }
}
