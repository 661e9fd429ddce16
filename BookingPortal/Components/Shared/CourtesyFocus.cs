using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BookingPortal.Components.Shared;

/// <summary>
/// Moves focus where a page has swapped the part a keyboard or screen-reader user was on for another (WCAG 2.4.3): the
/// waiting room's turn banner, a refusal shown in the booking summary's place, a cancel's result. Focus is a courtesy:
/// the element may be gone by the time the browser is asked, or the connection lost, and an exception thrown from a
/// component's OnAfterRenderAsync ends the whole circuit, so those answers are swallowed here, in one place.
/// </summary>
public static class CourtesyFocus
{
    public static async Task MoveToAsync(ElementReference element)
    {
        try
        {
            await element.FocusAsync();
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException)
        {
            // Nothing to do: the page goes on without the focus move.
        }
    }
}
