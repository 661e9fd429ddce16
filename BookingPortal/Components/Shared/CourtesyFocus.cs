using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BookingPortal.Features.Queue.Components;

/// <summary>
/// Where focus goes when the waiting room swaps the part a keyboard user was on for another (WCAG 2.4.3): at the turn the
/// line's buttons give way to the banner, at its end the pickers give way to "Join again". Otherwise focus fell to the page's
/// body and a keyboard user started again from the top. Only on those changes, seen while the page is open (not at its first
/// load nor in prerendering), so the room never takes focus from someone reading or typing.
/// </summary>
internal static class TurnFocus
{
    public static async Task MoveToAsync(ElementReference element)
    {
        try
        {
            await element.FocusAsync();
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException)
        {
            // Focus is a courtesy: a connection lost meanwhile must not take the waiting room down with it.
        }
    }
}
