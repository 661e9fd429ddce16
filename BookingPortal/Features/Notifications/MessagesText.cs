namespace BookingPortal.Features.Notifications;

/// <summary>
/// The text of the message template editor and a service's message settings: MessagesText.resx (English)
/// and MessagesText.es.resx (Spanish), keyed by the English text like PortalText.
/// </summary>
public sealed class MessagesText;
