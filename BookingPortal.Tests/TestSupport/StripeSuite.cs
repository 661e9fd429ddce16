namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A <see cref="PortalSuite"/> whose portals take deposits and refunds through Stripe: each test has a
/// <see cref="StripeStandIn"/> of its own, started before the portal and stopped after it.
/// </summary>
public abstract class StripeSuite(bool scheduledJobs = true) : PortalSuite(scheduledJobs)
{
    protected StripeStandIn stripe = null!;

    public override async Task InitializeAsync()
    {
        stripe = await StripeStandIn.StartAsync();
        await base.InitializeAsync();
        stripe.Now = () => factory.Clock.GetUtcNow();
    }

    protected override PortalFactory NewPortal() => new StripePortalFactory(stripe) { Provider = Provider };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await stripe.DisposeAsync();
    }
}
