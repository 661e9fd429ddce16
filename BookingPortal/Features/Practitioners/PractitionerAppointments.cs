namespace BookingPortal.Features.Practitioners;

/// <summary>One appointment of a practitioner as the staff pages show it, times in the service's zone.</summary>
public sealed record PractitionerAppointment(
    Guid BookingId, int PractitionerId, string ConfirmationNumber, long SlotInventoryId, int ServiceId, string ServiceName, BookingStatus Status,
    DateTime StartUtc, DateTime EndUtc, DateTimeOffset LocalStart, DateTimeOffset LocalEnd, string CustomerName, bool CheckedIn);

/// <summary>The one query of a practitioner's appointments in a time range, shared by the week view, My day and time off.</summary>
public static class PractitionerAppointments
{
    public static Task<List<PractitionerAppointment>> ListAsync(
        BookingDbContext db, int practitionerId, DateTime fromUtc, DateTime toUtc, bool onlyHoldingSeats, CancellationToken cancellationToken) =>
        ListAsync(db, Overlapping(db, practitionerId, fromUtc, toUtc, onlyHoldingSeats), practitionerId, cancellationToken);

    /// <summary>The practitioner's bookings that overlap the range: those holding a seat, or all but the cancelled.</summary>
    public static IQueryable<Domain.Booking> Overlapping(BookingDbContext db, int practitionerId, DateTime fromUtc, DateTime toUtc, bool onlyHoldingSeats)
    {
        var query = db.Bookings.AsNoTracking().Where(b => b.PractitionerId == practitionerId && b.EndUtc > fromUtc && b.StartUtc < toUtc);
        return onlyHoldingSeats ? query.Where(Domain.Booking.HoldsSeat) : query.Where(b => b.Status != BookingStatus.Cancelled);
    }

    /// <summary>Some of the practitioner's bookings (chosen by <paramref name="query"/>) as the staff pages show them, earliest first.</summary>
    public static async Task<List<PractitionerAppointment>> ListAsync(
        BookingDbContext db, IQueryable<Domain.Booking> query, int practitionerId, CancellationToken cancellationToken)
    {
        var rows = await query
            .Join(db.Services, b => b.ServiceId, s => s.Id, (b, s) => new { Booking = b, s.Name, s.TimeZoneId })
            .Join(db.Users, x => x.Booking.CustomerId, u => u.Id, (x, u) => new { x.Booking, x.Name, x.TimeZoneId, Customer = u.DisplayName ?? u.Email ?? "" })
            .OrderBy(x => x.Booking.StartUtc)
            .Take(500)
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var zone = TimeZoneCache.Find(r.TimeZoneId);
            var b = r.Booking;
            return new PractitionerAppointment(b.Id, practitionerId, b.ConfirmationNumber, b.SlotInventoryId, b.ServiceId, r.Name, b.Status, b.StartUtc, b.EndUtc,
                TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(b.StartUtc, DateTimeKind.Utc)), zone),
                TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(b.EndUtc, DateTimeKind.Utc)), zone),
                r.Customer, b.CheckedInAtUtc is not null);
        }).ToList();
    }
}
