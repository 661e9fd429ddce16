using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace BookingPortal.Components.Shared;

/// <summary>
/// Catches an exception thrown while a page renders or handles an event in the circuit, logs it under a
/// short reference and shows that reference (never the exception) in place of the page; the layout and
/// the circuit keep working, and the next navigation recovers (MainLayout calls Recover).
/// </summary>
public sealed class PortalErrorBoundary : ErrorBoundary
{
    [Inject] private ILogger<PortalErrorBoundary> Logger { get; set; } = default!;

    /// <summary>What the customer quotes to support; the log entry with the stack trace carries the same value.</summary>
    public string? Reference { get; private set; }

    protected override Task OnErrorAsync(Exception exception)
    {
        Reference = Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        Logger.LogError(exception, "Unhandled error in a page, reference {CorrelationId}", Reference);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        builder.OpenComponent<ErrorMessage>(1);
        builder.AddComponentParameter(2, nameof(ErrorMessage.Reference), Reference);
        builder.CloseComponent();
    }
}
