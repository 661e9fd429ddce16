namespace BookingPortal.Features.Notifications.Templates;

/// <summary>The four parts staff can edit of one message kind in one language, and the saved version they come from (none for the built-in defaults).</summary>
public sealed record TemplateText(string Subject, string HtmlBody, string TextBody, string Sms)
{
    public long? Id { get; init; }

    /// <summary>0 for the built-in default; saved versions count from 1.</summary>
    public int Version { get; init; }
}
