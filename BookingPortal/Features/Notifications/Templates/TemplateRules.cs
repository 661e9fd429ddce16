namespace BookingPortal.Features.Notifications.Templates;

/// <summary>What a template must be to be saved; each problem names its field (a property of <see cref="TemplateText"/>).</summary>
public static class TemplateRules
{
    public const int MaxSubjectLength = OutboxMessage.MaxSubjectLength;
    public const int MaxSmsLength = 1600;
    public const int MaxBodyLength = 20_000;

    /// <param name="language">The editor's language ("en" or "es"): the messages are shown beside the fields.</param>
    public static IReadOnlyList<FieldError> Problems(TemplateText draft, string language = MessageLanguage.English)
    {
        var words = language == MessageLanguage.Spanish ? Spanish : English;
        var errors = new List<FieldError>();
        Check(errors, words, nameof(TemplateText.Subject), draft.Subject, MaxSubjectLength);
        Check(errors, words, nameof(TemplateText.HtmlBody), draft.HtmlBody, MaxBodyLength);
        Check(errors, words, nameof(TemplateText.TextBody), draft.TextBody, MaxBodyLength);
        Check(errors, words, nameof(TemplateText.Sms), draft.Sms, MaxSmsLength);
        if (draft.Subject?.IndexOfAny(['\r', '\n']) >= 0)
        {
            errors.Add(new FieldError(nameof(TemplateText.Subject), words.OneLine));
        }

        // E-mail clients drop scripts anyway; refusing them says so while the author is still there.
        if (draft.HtmlBody?.Contains("<script", StringComparison.OrdinalIgnoreCase) == true)
        {
            errors.Add(new FieldError(nameof(TemplateText.HtmlBody), words.NoScripts));
        }

        return errors;
    }

    private sealed record Words(string Required, string TooLong, string Unknown, string OneLine, string NoScripts);

    private static readonly Words English = new(
        "Required.", "At most {0} characters.", "Unknown placeholder: {0}. Use one of the names listed.", "The subject is one line.", "Scripts cannot go in an e-mail.");

    private static readonly Words Spanish = new(
        "Obligatorio.", "Como máximo {0} caracteres.", "Marcador desconocido: {0}. Use uno de los nombres de la lista.", "El asunto es una sola línea.",
        "Un correo no puede llevar scripts.");

    private static void Check(List<FieldError> errors, Words words, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, words.Required));
            return;
        }

        if (value.Length > maxLength)
        {
            errors.Add(new FieldError(field, string.Format(CultureInfo.InvariantCulture, words.TooLong, maxLength)));
        }

        var unknown = Placeholders.Unknown(value);
        if (unknown.Count > 0)
        {
            var names = string.Join(", ", unknown.Select(name => $"{{{{{name}}}}}"));
            errors.Add(new FieldError(field, string.Format(CultureInfo.InvariantCulture, words.Unknown, names)));
        }
    }
}
