namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A suite on the demo weekly release (Dermatology Clinic, Mondays 09:00 New York, VIP 15 minutes early): a portal
/// that runs no scheduled jobs, so the test drives admission ticks by hand, on the fake clock that starts two hours
/// before <see cref="Opening"/>. A subclass named …OnPostgresTests overrides <see cref="ProviderSuite.Provider"/>.
/// </summary>
public abstract class WeeklyReleaseSuite : ProviderSuite, IAsyncLifetime
{
    /// <summary>The release's first opening: Monday 2 March 2026, 09:00 New York (14:00 UTC).</summary>
    protected static readonly DateTimeOffset Opening = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    protected PortalFactory factory = null!;
    protected Service clinic = null!;

    public virtual async Task InitializeAsync()
    {
        factory = new PortalFactory { Provider = Provider };
        await factory.StartWithoutScheduledJobsAsync();
        clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
