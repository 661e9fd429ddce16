using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// Two clicks on one button, the second while the first's handler is still waiting. Each click finds the button and
/// dispatches in one turn of the renderer. Found outside it, a render in between (the first click disabling the
/// button) left a click on an event handler that no longer existed, and bUnit threw instead of clicking (CI failed
/// <c>InviteStaffFormTests</c> so on 2026-12-06).
/// </summary>
internal static class DoubleClick
{
    /// <summary>Starts both clicks and returns their handlers' tasks, still running until the test lets them finish.</summary>
    public static async Task<Task> StartAsync<TComponent>(IRenderedComponent<TComponent> component, Func<IElement> find)
        where TComponent : IComponent
    {
        var first = await ClickInOneTurnAsync(component, find);
        var second = await ClickInOneTurnAsync(component, find);
        return Task.WhenAll(first, second);
    }

    private static Task<Task> ClickInOneTurnAsync<TComponent>(IRenderedComponent<TComponent> component, Func<IElement> find)
        where TComponent : IComponent =>
        component.InvokeAsync(() => Task.FromResult(find().ClickAsync(new())));
}
