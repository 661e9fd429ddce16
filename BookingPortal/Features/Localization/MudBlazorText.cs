using MudBlazor;

namespace BookingPortal.Features.Localization;

/// <summary>
/// MudBlazor's own texts (its controls' labels and conversion errors) in the portal's languages:
/// MudBlazorText.resx (MudBlazor's English, by its keys) and MudBlazorText.es.resx. Without them a Spanish
/// page said "Not a valid number" and read "Increment" to a screen reader.
/// </summary>
public sealed class MudBlazorText;

/// <summary>
/// Hands MudBlazor the portal's translations. A key with no translation is reported not found, and
/// MudBlazor then uses its built-in English, so a control added by a MudBlazor update still reads.
/// </summary>
public sealed class PortalMudLocalizer(IStringLocalizer<MudBlazorText> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];
}
