using BookingPortal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace BookingPortal.Tests.Components.Shared;

public class DocumentTitleTests : IAsyncLifetime
{
    private readonly BunitContext bunit = new();

    public DocumentTitleTests()
    {
        bunit.Services.AddScoped<DocumentTitleTracker>();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Rendered_on_the_server_it_is_the_head_outlets_page_title_with_the_portals_name()
    {
        bunit.Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var title = bunit.Render<DocumentTitle>(p => p.Add(x => x.Text, "Services"));

        var pageTitle = title.FindComponent<PageTitle>();
        bunit.Render(pageTitle.Instance.ChildContent!).Markup.Should().Be("Services · BookingPortal");
    }

    [Fact]
    public void In_a_circuit_the_title_is_set_only_after_a_navigation_and_only_when_it_changes()
    {
        bunit.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var title = bunit.Render<DocumentTitle>(p => p.Add(x => x.Text, "Services"));
        title.Render(p => p.Add(x => x.Text, "Dermatology"));
        var beforeNavigating = SetTitleCalls();

        bunit.Services.GetRequiredService<NavigationManager>().NavigateTo("services/2");
        title.Render(p => p.Add(x => x.Text, "Physiotherapy"));
        title.Render(p => p.Add(x => x.Text, "Physiotherapy"));
        title.Render(p => p.Add(x => x.Text, "Book Physiotherapy"));

        beforeNavigating.Should().BeEmpty("the first page's title is in the page the browser loaded");
        title.FindComponents<PageTitle>().Should().BeEmpty();
        SetTitleCalls().Should().Equal("Physiotherapy · BookingPortal", "Book Physiotherapy · BookingPortal");
    }

    private List<string?> SetTitleCalls() =>
        bunit.JSInterop.Invocations.Where(i => i.Identifier == "bookingPortal.setTitle").Select(i => i.Arguments[0] as string).ToList();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => bunit.DisposeAsync().AsTask();
}
