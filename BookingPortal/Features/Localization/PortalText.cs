namespace BookingPortal.Features.Localization;

/// <summary>
/// The customer-facing text of the portal: PortalText.resx (English) and PortalText.es.resx (Spanish).
/// Keys are the English text itself, so markup reads naturally and a missing key still shows English;
/// a unit test checks that every key used in the markup exists in both files.
/// </summary>
public sealed class PortalText;
