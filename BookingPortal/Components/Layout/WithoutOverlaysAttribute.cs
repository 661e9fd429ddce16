namespace BookingPortal.Components.Layout;

/// <summary>
/// Marks a page that opens no dialog, snackbar or popover, so the layout leaves MudBlazor's hosts for them
/// out. Only worth it for a page held open at scale (the waiting room): the hosts are components and JS
/// interop that every circuit showing the page would keep. A MudBlazor component that needs a host
/// (MudSelect, MudMenu, MudTooltip, a dialog) does not work on such a page.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WithoutOverlaysAttribute : Attribute
{
    public static bool Allows(Type pageType) => !pageType.IsDefined(typeof(WithoutOverlaysAttribute), inherit: false);
}
