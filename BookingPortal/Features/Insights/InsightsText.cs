namespace BookingPortal.Features.Insights;

/// <summary>
/// The Insights pages' text: InsightsText.resx (English) and InsightsText.es.resx (Spanish), keyed by the English
/// text like PortalText, kept beside the feature so its strings travel with it.
/// </summary>
public sealed class InsightsText;
