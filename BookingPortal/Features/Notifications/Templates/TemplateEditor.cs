using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Notifications.Templates;

/// <summary>The editable copy of a template, bound to the editor's fields.</summary>
public sealed class TemplateDraft
{
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string Sms { get; set; } = "";

    public TemplateText ToText() => new(Subject, HtmlBody, TextBody, Sms);

    public static TemplateDraft From(TemplateText text) =>
        new() { Subject = text.Subject, HtmlBody = text.HtmlBody, TextBody = text.TextBody, Sms = text.Sms };
}

/// <summary>
/// The template editor's state, outside the component: the draft, the problems beside each field,
/// and the preview. A draft is saved only as it was last previewed, so nobody saves words they
/// have not seen rendered with a sample booking.
/// </summary>
public sealed class TemplateEditor
{
    private TemplateText? previewed;

    /// <summary>The words as loaded or last saved: what switching message or language would go back to.</summary>
    private TemplateText? kept;

    public NotificationKind Kind { get; private set; } = NotificationKind.BookingConfirmation;
    public string Language { get; private set; } = MessageLanguage.English;

    /// <summary>The version the draft started from: 0 for the built-in default.</summary>
    public int BasedOnVersion { get; private set; }
    public TemplateDraft Draft { get; private set; } = new();
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public ComposedMessage? Preview { get; private set; }

    /// <summary>Problems that belong to no one field (someone else saved meanwhile).</summary>
    public string? Summary { get; private set; }

    public bool CanSave => Preview is not null && previewed == Draft.ToText() && Errors.Count == 0;

    /// <summary>The draft's words differ from those loaded or last saved: loading another message would lose them.</summary>
    public bool HasUnsavedChanges => kept is not null && Draft.ToText() != kept;

    public void Load(NotificationKind kind, string language, TemplateText current)
    {
        (Kind, Language, BasedOnVersion) = (kind, language, current.Version);
        Draft = TemplateDraft.From(current);
        kept = Draft.ToText();
        (Errors, Preview, previewed, Summary) = (new Dictionary<string, string>(), null, null, null);
    }

    /// <returns>True when the draft is valid and its preview is shown.</returns>
    /// <param name="text">The page's texts: the problems are shown in its language.</param>
    public bool RenderPreview(IStringLocalizer<MessagesText> text, string clinicName, Uri portalBaseUri)
    {
        var draft = Draft.ToText();
        ShowErrors(TemplateRules.Problems(draft), text);
        if (Errors.Count > 0)
        {
            (Preview, previewed) = (null, null);
            return false;
        }

        Preview = MessageComposer.Compose(SampleMessage.Facts(Kind, Language, clinicName, portalBaseUri), draft);
        previewed = draft;
        return true;
    }

    public void ShowErrors(IReadOnlyList<FieldError> errors, IStringLocalizer<MessagesText> text)
    {
        Errors = errors.Where(e => e.Field.Length > 0).GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => FieldErrorText.For(e, text))));
        Summary = errors.FirstOrDefault(e => e.Field.Length == 0) is { } general ? FieldErrorText.For(general, text) : null;
    }

    /// <summary>What was saved is what was last previewed (Save is offered for nothing else).</summary>
    public void Saved(int version) => (BasedOnVersion, Summary, kept) = (version, null, previewed);
}
