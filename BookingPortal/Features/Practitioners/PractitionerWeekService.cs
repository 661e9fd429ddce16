using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Practitioners;

/// <summary>A stretch of one day in the practitioner's zone, with what it is (working hours, time off, busy elsewhere) and its note.</summary>
public sealed record DayStretch(TimeOnly Start, TimeOnly End, string Note = "");

/// <summary>One day of a practitioner's week: when they work, when they are away or busy elsewhere, and their appointments.</summary>
public sealed record PractitionerDay(
    DateOnly Date, IReadOnlyList<DayStretch> Hours, IReadOnlyList<DayStretch> TimeOff, IReadOnlyList<DayStretch> Busy, IReadOnlyList<PractitionerAppointment> Appointments);

public sealed record PractitionerWeek(int PractitionerId, string DisplayName, string TimeZoneId, DateOnly Monday, IReadOnlyList<PractitionerDay> Days);

/// <summary>The staff week view of one practitioner, read in their zone (DST days included).</summary>
[ScopedService]
public sealed class PractitionerWeekService(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    /// <param name="anyDayOfWeek">A day of the week to show; null for the current week where the practitioner works.</param>
    public async Task<PractitionerWeek?> WeekAsync(StaffActor actor, int practitionerId, DateOnly? anyDayOfWeek, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var practitioner = await db.Practitioners.AsNoTracking().Include(p => p.Hours).Include(p => p.Exceptions)
            .FirstOrDefaultAsync(p => p.Id == practitionerId, cancellationToken);
        if (practitioner is null)
        {
            return null;
        }

        var zoneId = await PractitionerZone.OfAsync(db, practitionerId, cancellationToken);
        var zone = TimeZoneCache.Find(zoneId);
        var monday = WallTime.WeekStart(anyDayOfWeek ?? WallTime.LocalDateOf(time.GetUtcNow().UtcDateTime, zone));
        var (fromUtc, toUtc) = (WallTime.DayStartUtc(monday, zone), WallTime.DayStartUtc(monday.AddDays(7), zone));
        var appointments = await PractitionerAppointments.ListAsync(db, practitionerId, fromUtc, toUtc, onlyHoldingSeats: false, cancellationToken);
        var busy = (await db.PractitionerBusyPeriods.AsNoTracking().Where(b => b.PractitionerId == practitionerId && b.EndUtc > fromUtc && b.StartUtc < toUtc)
            .OrderBy(b => b.StartUtc).ToListAsync(cancellationToken))
            .Select(b => (Start: ToLocal(b.StartUtc, zone), End: ToLocal(b.EndUtc, zone))).ToList();
        var days = Enumerable.Range(0, 7).Select(offset => monday.AddDays(offset)).Select(date => new PractitionerDay(
            date,
            HoursOn(practitioner, date),
            Within(practitioner.Exceptions.Where(e => e.Kind == AvailabilityExceptionKind.TimeOff).Select(e => (e.StartLocal, e.EndLocal, e.Reason)), date),
            Within(busy.Select(b => (b.Start, b.End, "")), date),
            appointments.Where(a => DateOnly.FromDateTime(a.LocalStart.DateTime) == date).ToList())).ToList();
        return new PractitionerWeek(practitioner.Id, practitioner.DisplayName, zoneId, monday, days);
    }

    /// <summary>The rota's ranges that apply on the date, and extra hours given for it.</summary>
    private static List<DayStretch> HoursOn(Practitioner practitioner, DateOnly date) =>
        practitioner.Hours.Where(h => h.AppliesOn(date)).Select(h => new DayStretch(h.Start, h.End))
            .Concat(Within(practitioner.Exceptions.Where(e => e.Kind == AvailabilityExceptionKind.ExtraHours).Select(e => (e.StartLocal, e.EndLocal, e.Reason)), date))
            .OrderBy(s => s.Start).ToList();

    /// <summary>The parts of wall-clock ranges that fall on one date (a range to midnight ends at 23:59:59).</summary>
    private static List<DayStretch> Within(IEnumerable<(DateTime Start, DateTime End, string Note)> ranges, DateOnly date)
    {
        var dayStart = date.ToDateTime(TimeOnly.MinValue);
        var dayEnd = dayStart.AddDays(1);
        return ranges.Where(r => r.Start < dayEnd && r.End > dayStart)
            .Select(r => new DayStretch(
                TimeOnly.FromDateTime(r.Start > dayStart ? r.Start : dayStart),
                r.End >= dayEnd ? TimeOnly.MaxValue : TimeOnly.FromDateTime(r.End),
                r.Note))
            .OrderBy(s => s.Start).ToList();
    }

    private static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
