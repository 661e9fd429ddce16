using Microsoft.JSInterop;

namespace BookingPortal.Infrastructure.Time;

/// <summary>
/// The customer's time zone as their browser reports it (IANA id), asked once per circuit: the service
/// is scoped, and a Blazor Server circuit is one scope. Null before the page is interactive, when the
/// browser reports nothing usable, or when the id is unknown to the server.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js, ILogger<BrowserTimeZone> logger)
{
    private Task<string?>? zone;

    /// <summary>Call from OnAfterRenderAsync: JavaScript is not reachable while prerendering.</summary>
    public Task<string?> GetAsync() => zone ??= AskAsync();

    private async Task<string?> AskAsync()
    {
        try
        {
            var id = await js.InvokeAsync<string?>("bookingPortal.timeZone");
            return TimeZoneCache.TryFind(id, out _) ? id : null;
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // Showing only the service's zone is a complete answer; the customer's own is a courtesy.
            logger.LogDebug(ex, "The browser did not report its time zone.");
            return null;
        }
    }
}
