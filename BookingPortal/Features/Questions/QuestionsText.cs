namespace BookingPortal.Features.Questions;

/// <summary>
/// The booking questions' text: QuestionsText.resx (English) and QuestionsText.es.resx (Spanish), keyed by the
/// English text like PortalText, kept beside the feature so its strings travel with it.
/// </summary>
public sealed class QuestionsText;
