namespace BookingPortal.Features.Insights;

/// <summary>
/// The weeks a bookings or demand page covers for one service: whole weeks on the service's clock, the past
/// <c>weeksBack</c> and the <see cref="WeeksAhead"/> already open for booking, with their UTC bounds for the queries.
/// </summary>
public sealed record InsightsPeriod(InsightsService Service, InsightsCalendar Calendar, DateOnly From, DateOnly Until, DateTime FromUtc, DateTime UntilUtc)
{
    public const int WeeksAhead = 4;
    public const int MaxWeeksBack = 104;

    /// <summary>The service's bookings whose slots start in the period, over the (ServiceId, StartUtc) index; read only.</summary>
    public IQueryable<Domain.Booking> Bookings(BookingDbContext db) =>
        db.Bookings.AsNoTracking().Where(b => b.ServiceId == Service.Id && b.StartUtc >= FromUtc && b.StartUtc < UntilUtc);

    /// <summary>The period of one service's page at <paramref name="nowUtc"/>; null when there is no such service.</summary>
    internal static async Task<InsightsPeriod?> ForAsync(BookingDbContext db, int serviceId, int weeksBack, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == serviceId)
            .Select(s => new InsightsService(s.Id, s.Name, s.TimeZoneId)).SingleOrDefaultAsync(cancellationToken);
        if (service is null)
        {
            return null;
        }

        var calendar = new InsightsCalendar(service.TimeZoneId);
        var (from, until) = calendar.Weeks(nowUtc, Math.Clamp(weeksBack, 1, MaxWeeksBack), WeeksAhead);
        return new InsightsPeriod(service, calendar, from, until, calendar.StartUtc(from), calendar.StartUtc(until));
    }
}
