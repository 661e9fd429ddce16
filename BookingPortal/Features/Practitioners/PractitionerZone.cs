namespace BookingPortal.Features.Practitioners;

/// <summary>
/// The zone a practitioner's hours and time off are read in: that of the services they perform (a clinic's
/// services share one), else the catalog's first, so a new profile's dates mean what staff see.
/// </summary>
public static class PractitionerZone
{
    public static async Task<string> OfAsync(BookingDbContext db, int practitionerId, CancellationToken cancellationToken)
    {
        var own = await db.PractitionerServices.Where(ps => ps.PractitionerId == practitionerId)
            .Join(db.Services, ps => ps.ServiceId, s => s.Id, (ps, s) => s)
            .OrderBy(s => s.Id).Select(s => s.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return own ?? await db.Services.OrderBy(s => s.Id).Select(s => s.TimeZoneId).FirstOrDefaultAsync(cancellationToken) ?? "UTC";
    }
}
