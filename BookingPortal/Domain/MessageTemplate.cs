namespace BookingPortal.Domain;

/// <summary>
/// One saved version of the words of one message kind in one language. Versions are only added,
/// never changed: an outbox row names the version it was written from, so what a customer was sent
/// can always be traced to the template of the day.
/// </summary>
public class MessageTemplate
{
    public long Id { get; set; }
    public NotificationKind Kind { get; set; }

    /// <summary>"en" or "es".</summary>
    public required string Language { get; set; }
    public int Version { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }
    public required string Sms { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedById { get; set; }
}
