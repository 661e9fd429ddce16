using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace BookingPortal.Components.Shared;

/// <summary>
/// Per circuit: whether the browser's title needs setting. Until the circuit first navigates, the page is
/// the one the browser loaded, whose title the server rendered; after that every new title is set once.
/// </summary>
public sealed class DocumentTitleTracker : IDisposable
{
    private readonly NavigationManager navigation;
    private bool navigated;
    private string? shown;

    public DocumentTitleTracker(NavigationManager navigation)
    {
        this.navigation = navigation;
        navigation.LocationChanged += OnLocationChanged;
    }

    /// <summary>True (once) when <paramref name="title"/> is a title the browser does not show yet.</summary>
    public bool TakeChange(string title)
    {
        if (!navigated || title == shown)
        {
            return false;
        }

        shown = title;
        return true;
    }

    public void Dispose() => navigation.LocationChanged -= OnLocationChanged;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => navigated = true;
}
