namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// Components rendered with the portal's own services, live as in a circuit: interactive, so their clocks tick with the
/// test's clock and they take the broadcaster's snapshots. One portal (no scheduled jobs) and one bUnit context per test.
/// </summary>
public abstract class LiveComponentSuite : IAsyncLifetime
{
    protected readonly PortalFactory factory = new();
    protected readonly BunitContext bunit = new();
    private IServiceScope scope = null!;

    public async Task InitializeAsync()
    {
        await factory.StartWithoutScheduledJobsAsync();
        scope = factory.Services.CreateScope();
        bunit.Services.AddFallbackServiceProvider(scope.ServiceProvider);
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public async Task DisposeAsync()
    {
        await bunit.DisposeAsync();
        scope.Dispose();
        await factory.DisposeAsync();
    }
}
