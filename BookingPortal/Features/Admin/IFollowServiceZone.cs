namespace BookingPortal.Features.Admin;

/// <summary>
/// Told after a service's time zone changed and committed: what keeps wall times of the service elsewhere (a weekly
/// release's opening) moves with it. Declared here, implemented by the feature that keeps them, so the service
/// editor does not import a feature whose pages import the admin's.
/// </summary>
public interface IFollowServiceZone
{
    Task ServiceZoneChangedAsync(int serviceId, CancellationToken cancellationToken);
}
