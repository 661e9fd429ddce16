using BookingPortal.Features.Queue;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>
/// The browser's visitor key (see <see cref="QueueVisitors"/>), read from its cookie while prerendering and carried
/// into the circuit in the page's persisted state, so a browser that keeps no cookie still waits as one visitor.
/// Not <c>[PersistentState]</c>: that is a cascading parameter, and a component with one keeps a copy of its
/// parameters (1.3 KB) for the life of every waiting circuit; a persisting callback costs a closure.
/// </summary>
public sealed class CarriedVisitorKey : IDisposable
{
    private const string StateKey = "BookPage.VisitorKey";
    private readonly PersistingComponentStateSubscription persisting;

    public CarriedVisitorKey(PersistentComponentState state)
    {
        if (state.TryTakeFromJson<string>(StateKey, out var carried))
        {
            Value = carried;
        }

        // Persisted from the prerender into the circuit, and from a paused circuit (a phone asleep past the
        // disconnected circuits' retention) into the one that resumes it.
        persisting = state.RegisterOnPersisting(() =>
        {
            state.PersistAsJson(StateKey, Value);
            return Task.CompletedTask;
        }, RenderMode.InteractiveServer);
    }

    public string? Value { get; private set; }

    /// <summary>The key carried in, or else the one this request's cookie (or the prerender's new cookie) holds.</summary>
    public string? Read(HttpContext? context) => Value ??= QueueVisitors.KeyOf(context);

    public void Dispose() => persisting.Dispose();
}
