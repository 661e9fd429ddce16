namespace BookingPortal.Features.Admin;

/// <summary>A practitioner with upcoming bookings in their time off, and how many.</summary>
public sealed record PractitionerAway(int PractitionerId, string DisplayName, int Bookings);

/// <summary>
/// The bookings left in a practitioner's time off, for the dashboard and the front desk. Time off is the Practitioners
/// feature's, which answers this; it imports Admin (My day checks in through the desk), so Admin asks through this port.
/// </summary>
public interface ITimeOffBookings
{
    /// <summary>Each practitioner whose time off still has upcoming bookings in it, by name.</summary>
    Task<IReadOnlyList<PractitionerAway>> UpcomingAsync(CancellationToken cancellationToken = default);

    /// <summary>The upcoming bookings of these practitioners that fall in their time off.</summary>
    Task<IReadOnlySet<Guid>> OfAsync(IReadOnlyCollection<int> practitionerIds, CancellationToken cancellationToken = default);
}
