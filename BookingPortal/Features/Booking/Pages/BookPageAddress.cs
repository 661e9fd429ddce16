using System.Security.Claims;
using BookingPortal.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>
/// What the book page is entered with besides its route: the query (a move's confirmation number, a practitioner)
/// and the signed-in user, followed for the circuit's life. Not <c>[SupplyParameterFromQuery]</c> nor the cascading
/// authentication state: a component subscribed to a cascading value keeps a copy of its parameters' render frames
/// (an array of 32, 1.3 KB) to replay when the value changes, and every customer in a waiting room holds this page.
/// </summary>
public sealed class BookPageAddress : IDisposable
{
    private readonly NavigationManager navigation;
    private readonly SignInWatch signIn;
    private readonly Func<Task> onChanged;
    private string path = "";

    /// <param name="onChanged">Runs when the query of this page's address or the signed-in user changes.</param>
    public BookPageAddress(NavigationManager navigation, AuthenticationStateProvider authentication, Func<Task> onChanged)
    {
        (this.navigation, this.onChanged) = (navigation, onChanged);
        Reread();
        signIn = new SignInWatch(authentication, onChanged);
        navigation.LocationChanged += Moved;
    }

    /// <summary>The confirmation number of a booking being moved, when the page is used to reschedule.</summary>
    public string? Reschedule { get; private set; }

    /// <summary>The practitioner picked on the service page, shown first.</summary>
    public int? Practitioner { get; private set; }

    public Task<ClaimsPrincipal> UserAsync() => signIn.UserAsync();

    /// <summary>
    /// Reads the address again; the page does so whenever it is entered. The router keeps the page for another of its
    /// addresses (another service's, with its own query) and only sets the new service, so the query is read there.
    /// </summary>
    public void Reread()
    {
        path = PathOf(navigation.Uri);
        (Reschedule, Practitioner) = QueryOf(navigation.Uri);
    }

    /// <summary>
    /// The two values, their names in any case as <c>[SupplyParameterFromQuery]</c> reads them; of a repeated name, the
    /// first. A practitioner that is not a number is no practitioner, where the attribute failed the page.
    /// </summary>
    public static (string? Reschedule, int? Practitioner) QueryOf(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? First(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
        return (First("reschedule"), int.TryParse(First("practitioner"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null);
    }

    public void Dispose()
    {
        navigation.LocationChanged -= Moved;
        signIn.Dispose();
    }

    private static string PathOf(string uri) => new Uri(uri).AbsolutePath;

    // Only another query of the same path (back and forward between two of its addresses, say): the router sets nothing
    // then. A move to another path is read when the router enters the page for it (Reread), or the page is replaced.
    private void Moved(object? sender, LocationChangedEventArgs moved)
    {
        var query = QueryOf(moved.Location);
        if (PathOf(moved.Location) == path && query != (Reschedule, Practitioner))
        {
            (Reschedule, Practitioner) = query;
            _ = onChanged();
        }
    }
}
