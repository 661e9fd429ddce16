namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A suite of staff pages rendered by bUnit over the real services of a test portal, signed in as the demo staff
/// member (<see cref="StaffPageContext"/>); a suite names the portal services its pages use.
/// </summary>
public abstract class StaffPageSuite(params Type[] portalServices) : IAsyncLifetime
{
    protected readonly PortalFactory factory = new();
    protected readonly BunitContext context = new();

    /// <summary>Where the pages' role checks read; a test may hold or break it (see <see cref="StaffRoleDatabase"/>).</summary>
    protected StaffRoleDatabase staffDatabase = default!;

    public async Task InitializeAsync()
    {
        await factory.StartWithoutScheduledJobsAsync();
        staffDatabase = new StaffRoleDatabase(factory.DbFactory);
        AddServices();
        await context.SignInDemoStaffAsync(factory, new StaffActors(staffDatabase), portalServices);
    }

    /// <summary>Services a suite adds before the sign-in closes bUnit's container (it may read <see cref="staffDatabase"/>).</summary>
    protected virtual void AddServices()
    {
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await factory.DisposeAsync();
    }
}
