using BookingPortal.Features.Queue;
using Microsoft.AspNetCore.Components;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>
/// The browser's visitor key (see <see cref="QueueVisitors"/>), read from its cookie while prerendering and carried
/// into the circuit in the page's persisted state, so a browser that keeps no cookie still waits as one visitor.
/// Not <c>[PersistentState]</c>: that is a cascading parameter, and a component with one keeps a copy of its
/// parameters (1.3 KB) for the life of every waiting circuit.
/// </summary>
public sealed class CarriedVisitorKey : IDisposable
{
    private const string StateKey = "BookPage.VisitorKey";
    private readonly PersistingComponentStateSubscription? persisting;

    public CarriedVisitorKey(PersistentComponentState state, bool interactive)
    {
        if (state.TryTakeFromJson<string>(StateKey, out var carried))
        {
            Value = carried;
        }
        else if (!interactive)
        {
            persisting = state.RegisterOnPersisting(() =>
            {
                state.PersistAsJson(StateKey, Value);
                return Task.CompletedTask;
            });
        }
    }

    public string? Value { get; private set; }

    /// <summary>The key carried in, or else the one this request's cookie (or the prerender's new cookie) holds.</summary>
    public string? Read(HttpContext? context) => Value ??= QueueVisitors.KeyOf(context);

    public void Dispose() => persisting?.Dispose();
}
