namespace BookingPortal.Tests.Integration.Notifications;

/// <summary>A portal whose SendGrid and Twilio clients talk to a fresh stand-in, running no scheduled jobs so each test drives delivery itself.</summary>
public abstract class MessagingTestBase : ProviderSuite, IAsyncLifetime
{
    protected MessagingStandIn StandIn { get; private set; } = null!;

    protected MessagingPortalFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        StandIn = await MessagingStandIn.StartAsync();
        Factory = new MessagingPortalFactory(StandIn) { Provider = Provider };
        await Factory.StartWithoutScheduledJobsAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
