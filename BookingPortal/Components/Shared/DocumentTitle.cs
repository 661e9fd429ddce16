using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace BookingPortal.Components.Shared;

/// <summary>
/// The page's title. Rendered on the server (prerendering, static pages) it is a <see cref="PageTitle"/>
/// for the page's static HeadOutlet; in a circuit it renders nothing and sets the browser's title only
/// after the circuit has navigated (<see cref="DocumentTitleTracker"/>): the first page's title is already
/// in the prerendered head. Why not PageTitle with an interactive HeadOutlet: that is seven components
/// (outlet, two section outlets and renderers, title, section content) and a JS call in every circuit,
/// and the waiting room is held open by tens of thousands of them.
/// </summary>
public sealed class DocumentTitle : ComponentBase
{
    /// <summary>The page's own part of the title; the portal's name follows it.</summary>
    [Parameter, EditorRequired] public string Text { get; set; } = "";

    [Inject] private DocumentTitleTracker Tracker { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (!RendererInfo.IsInteractive)
        {
            builder.OpenComponent<PageTitle>(0);
            builder.AddComponentParameter(1, nameof(PageTitle.ChildContent), (RenderFragment)RenderTitle);
            builder.CloseComponent();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var title = FullTitle;
        if (Tracker.TakeChange(title))
        {
            await JS.InvokeVoidAsync("bookingPortal.setTitle", title);
        }
    }

    private const string Suffix = " · BookingPortal";

    private string FullTitle => Text + Suffix;

    private void RenderTitle(RenderTreeBuilder title)
    {
        title.AddContent(0, Text);
        // As markup, as the pages wrote it before: text content would be encoded (&#xB7;).
        title.AddMarkupContent(1, Suffix);
    }
}
