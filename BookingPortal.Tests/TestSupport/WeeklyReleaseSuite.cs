namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A suite on the demo weekly release (Dermatology Clinic, Mondays 09:00 New York, VIP 15 minutes early): a portal
/// that runs no scheduled jobs, so the test drives admission ticks by hand, on the fake clock that starts two hours
/// before <see cref="Opening"/>. A subclass named …OnPostgresTests overrides <see cref="ProviderSuite.Provider"/>.
/// </summary>
public abstract class WeeklyReleaseSuite() : PortalSuite(scheduledJobs: false)
{
    /// <inheritdoc cref="WeeklyRelease.Opening"/>
    protected static readonly DateTimeOffset Opening = WeeklyRelease.Opening;

    protected Service clinic = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
    }
}
