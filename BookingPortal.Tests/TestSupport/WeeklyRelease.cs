namespace BookingPortal.Tests.TestSupport;

/// <summary>The demo weekly release (Dermatology Clinic, Mondays 09:00 New York) as tests drive it.</summary>
public static class WeeklyRelease
{
    /// <summary>The release's first opening: Monday 2 March 2026, 09:00 New York (14:00 UTC).</summary>
    public static readonly DateTimeOffset Opening = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The customers join the queue of <paramref name="serviceId"/> <paramref name="early"/> before the
    /// opening; then the clock reaches the opening and the admission controller ticks once. Returns the opening's id.
    /// </summary>
    public static async Task<long> JoinEarlyThenOpenAsync(this PortalFactory factory, int serviceId, IEnumerable<string> customers, TimeSpan early)
    {
        factory.Clock.SetUtcNow(Opening - early);
        long openingId = 0;
        foreach (var customer in customers)
        {
            openingId = (await factory.Get<QueueService>().JoinAsync(serviceId, customer, null)).Entry!.OpeningId;
        }

        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
        return openingId;
    }
}
