namespace BookingPortal.Features.Notifications.Templates;

/// <summary>What a template must be to be saved; each problem names its field (a property of <see cref="TemplateText"/>).</summary>
public static class TemplateRules
{
    public const int MaxSubjectLength = OutboxMessage.MaxSubjectLength;
    public const int MaxSmsLength = 1600;
    public const int MaxBodyLength = 20_000;

    /// <summary>Each problem's key is a text of MessagesText: the editor shows it in its page's language (FieldErrorText).</summary>
    public static IReadOnlyList<FieldError> Problems(TemplateText draft)
    {
        var errors = new List<FieldError>();
        Check(errors, nameof(TemplateText.Subject), draft.Subject, MaxSubjectLength);
        Check(errors, nameof(TemplateText.HtmlBody), draft.HtmlBody, MaxBodyLength);
        Check(errors, nameof(TemplateText.TextBody), draft.TextBody, MaxBodyLength);
        Check(errors, nameof(TemplateText.Sms), draft.Sms, MaxSmsLength);
        if (draft.Subject?.IndexOfAny(['\r', '\n']) >= 0)
        {
            errors.Add(FieldError.Of(nameof(TemplateText.Subject), "The subject is one line."));
        }

        // E-mail clients drop scripts anyway; refusing them says so while the author is still there.
        if (draft.HtmlBody?.Contains("<script", StringComparison.OrdinalIgnoreCase) == true)
        {
            errors.Add(FieldError.Of(nameof(TemplateText.HtmlBody), "Scripts cannot go in an e-mail."));
        }

        return errors;
    }

    private static void Check(List<FieldError> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(FieldError.Of(field, "Required."));
            return;
        }

        if (value.Length > maxLength)
        {
            errors.Add(FieldError.Of(field, "At most {0} characters.", maxLength));
        }

        var unknown = Placeholders.Unknown(value);
        if (unknown.Count > 0)
        {
            var names = string.Join(", ", unknown.Select(name => $"{{{{{name}}}}}"));
            errors.Add(FieldError.Of(field, "Unknown placeholder: {0}. Use one of the names listed.", names));
        }
    }
}
