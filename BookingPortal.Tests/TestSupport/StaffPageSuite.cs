namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A suite of staff pages rendered by bUnit over the real services of a test portal, signed in as the demo staff
/// member (<see cref="StaffPageContext"/>); a suite names the portal services its pages use.
/// </summary>
public abstract class StaffPageSuite(params Type[] portalServices) : IAsyncLifetime
{
    protected readonly PortalFactory factory = new();
    protected readonly BunitContext context = new();

    public async Task InitializeAsync()
    {
        await factory.StartWithoutScheduledJobsAsync();
        await context.SignInDemoStaffAsync(factory, portalServices);
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await factory.DisposeAsync();
    }
}
