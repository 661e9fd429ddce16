namespace BookingPortal.Features.Localization;

/// <summary>
/// A field's error in the page's language. A rule's error carries its English text as a key with its values
/// (the domain has no localizer); its <see cref="FieldError.Message"/> stays the English text of the API and the logs.
/// The localizer is the one whose texts hold the rule's sentences: PortalText, or a feature's own (MessagesText).
/// </summary>
public static class FieldErrorText
{
    public static string For(FieldError error, IStringLocalizer text) =>
        error.Key is { } key ? text[key, [.. error.Values]] : error.Message;
}
