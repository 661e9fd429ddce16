namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A suite whose every test starts with a portal of its own on the suite's database (see <see cref="ProviderSuite"/>),
/// disposed after the test. With <paramref name="scheduledJobs"/> false the portal starts as an instance that runs no
/// scheduled jobs (<see cref="PortalFactory.StartWithoutScheduledJobsAsync"/>), for tests that drive that work by hand;
/// otherwise the portal starts on first use, so one test of the suite may still choose to start it without jobs.
/// </summary>
public abstract class PortalSuite(bool scheduledJobs = true) : ProviderSuite, IAsyncLifetime
{
    protected PortalFactory factory = null!;

    public virtual async Task InitializeAsync()
    {
        factory = NewPortal();
        if (!scheduledJobs)
        {
            await factory.StartWithoutScheduledJobsAsync();
        }
    }

    /// <summary>The portal each test gets (a derived suite's may take payments elsewhere, say).</summary>
    protected virtual PortalFactory NewPortal() => new() { Provider = Provider };

    public virtual async Task DisposeAsync() => await factory.DisposeAsync();
}
