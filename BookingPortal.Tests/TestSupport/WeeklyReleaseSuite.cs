namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A suite on the demo weekly release (Dermatology Clinic, Mondays 09:00 New York, VIP 15 minutes early): a portal
/// that runs no scheduled jobs, so the test drives admission ticks by hand, on the fake clock that starts two hours
/// before <see cref="Opening"/>. A subclass named …OnPostgresTests overrides <see cref="ProviderSuite.Provider"/>.
/// </summary>
public abstract class WeeklyReleaseSuite() : PortalSuite(scheduledJobs: false)
{
    /// <summary>The release's first opening: Monday 2 March 2026, 09:00 New York (14:00 UTC).</summary>
    protected static readonly DateTimeOffset Opening = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    protected Service clinic = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
    }
}
