namespace BookingPortal.Tests.TestSupport;

/// <summary>The demo weekly release (Dermatology Clinic, Mondays 09:00 New York) as tests drive it.</summary>
public static class WeeklyRelease
{
    /// <summary>The release's first opening: Monday 2 March 2026, 09:00 New York (14:00 UTC).</summary>
    public static readonly DateTimeOffset Opening = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The customers join the queue of <paramref name="serviceId"/> <paramref name="early"/> before the
    /// opening; then the clock reaches the opening and the admission controller ticks once.
    /// </summary>
    public static async Task JoinEarlyThenOpenAsync(this PortalFactory factory, int serviceId, IEnumerable<string> customers, TimeSpan early)
    {
        factory.Clock.SetUtcNow(Opening - early);
        foreach (var customer in customers)
        {
            await factory.Get<QueueService>().JoinAsync(serviceId, customer, null);
        }

        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
    }
}
