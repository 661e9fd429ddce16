namespace BookingPortal.Components.Shared;

/// <summary>
/// Numbers a page's reads of what it shows. Reads overlap on a live page: an action's reload of the booking shown
/// before can still be reading when the router sets the next one's number, and end last. Only the read begun last
/// may be shown; none once the page is gone.
/// </summary>
/// <remarks>Used from the page's dispatcher only, as the page's own state is.</remarks>
public sealed class LatestRead
{
    private int begun;

    /// <summary>A read begun now: keep the number and ask <see cref="IsLatest"/> before showing what it read.</summary>
    public int Begin() => ++begun;

    /// <summary>Whether <paramref name="read"/> is still the last one begun (and the page not gone).</summary>
    public bool IsLatest(int read) => read == begun;

    /// <summary>The page is gone: no read under way is shown.</summary>
    public void Abandon() => begun++;
}
