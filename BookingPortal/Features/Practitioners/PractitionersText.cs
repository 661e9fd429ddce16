namespace BookingPortal.Features.Practitioners;

/// <summary>
/// The practitioners pages' text: PractitionersText.resx (English) and PractitionersText.es.resx (Spanish), keyed by
/// the English text like PortalText, kept beside the feature so its strings travel with it.
/// </summary>
public sealed class PractitionersText;
