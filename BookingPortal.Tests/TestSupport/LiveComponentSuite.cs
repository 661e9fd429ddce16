namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// Components rendered with the portal's own services, live as in a circuit: interactive, so their clocks tick with the
/// test's clock and they take the broadcaster's snapshots. One portal (no scheduled jobs) and one bUnit context per test.
/// </summary>
public abstract class LiveComponentSuite : IAsyncLifetime
{
    protected readonly PortalFactory factory = new();
    protected readonly BunitContext bunit = new();
    private AsyncServiceScope scope;

    public async Task InitializeAsync()
    {
        await factory.StartWithoutScheduledJobsAsync();
        scope = factory.Services.CreateAsyncScope();
        bunit.Services.AddFallbackServiceProvider(scope.ServiceProvider);
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        await ArrangeAsync();
        bunit.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    /// <summary>The portal's services in this test's scope, as a circuit's.</summary>
    protected IServiceProvider PortalServices => scope.ServiceProvider;

    /// <summary>What a suite sets up with the portal running and before bUnit closes its services (a signed-in user, say).</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await bunit.DisposeAsync();
        // Async: MudBlazor services a component took from the portal dispose only asynchronously.
        await scope.DisposeAsync();
        await factory.DisposeAsync();
    }
}
