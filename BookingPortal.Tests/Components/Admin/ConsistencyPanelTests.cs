using BookingPortal.Features.Consistency;
using BookingPortal.Features.Consistency.Components;
using BookingPortal.Features.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>The consistency panel of the Jobs page, over the real services of a test portal.</summary>
public sealed class ConsistencyPanelTests : IAsyncLifetime
{
    private readonly PortalFactory factory = new();
    private readonly BunitContext context = new();

    public async Task InitializeAsync()
    {
        await factory.StartWithoutScheduledJobsAsync();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddSingleton(factory.Services.GetRequiredService<IStringLocalizer<PortalText>>());
        context.Services.AddSingleton(factory.Get<ConsistencyMonitor>());
        context.Services.AddSingleton(factory.Get<StaffActors>());
    }

    [Fact]
    public async Task Staff_run_the_check_from_the_page_and_see_when_and_that_nothing_is_wrong()
    {
        var staff = await factory.StaffAsync();
        var panel = RenderAs(staff.Id, staff.Name, Roles.Staff);
        panel.Find("[data-testid=consistency-status]").TextContent.Should().Contain("Not checked yet on this server.");

        await panel.Find("[data-testid=consistency-run]").ClickAsync(new());

        panel.WaitForAssertion(() => panel.Find("[data-testid=consistency-clean]").TextContent.Should().Contain("No violations."));
        panel.Find("[data-testid=consistency-status]").TextContent.Should().Contain($"Last checked {factory.Clock.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC");
        factory.Services.GetRequiredService<ConsistencyState>().LastReport.Should().NotBeNull();
    }

    [Fact]
    public async Task A_caller_without_the_staff_role_is_refused_and_nothing_runs()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var panel = RenderAs(customer, "customer", Roles.Customer);

        await panel.Find("[data-testid=consistency-run]").ClickAsync(new());

        panel.Find("[role=alert]").TextContent.Should().Be("Only staff can see or run the consistency check.");
        factory.Services.GetRequiredService<ConsistencyState>().LastReport.Should().BeNull();
    }

    private IRenderedComponent<ConsistencyPanel> RenderAs(string id, string name, string role)
    {
        context.AddAuthorization().SetAuthorized(name).SetRoles(role)
            .SetClaims(new Claim(PortalClaims.UserIdType, id));
        context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return context.Render<ConsistencyPanel>();
    }

    public Task DisposeAsync() => Task.WhenAll(context.DisposeAsync().AsTask(), factory.DisposeAsync().AsTask());
}
