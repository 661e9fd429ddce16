using BookingPortal.Features.Consistency;

namespace BookingPortal.Tests.TestSupport;

/// <summary>The invariants a race must leave standing: the product's own consistency check, so tests and staff read one statement of them.</summary>
public static class SeatInvariants
{
    /// <summary>Every violation the portal's check finds, described with its ids.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(PortalFactory factory)
    {
        var report = await factory.Get<ConsistencyCheck>().RunAsync(CancellationToken.None);
        return report.Violations.Select(v => v.ToString()).ToList();
    }
}
