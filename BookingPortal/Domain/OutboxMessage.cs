using System.Linq.Expressions;

namespace BookingPortal.Domain;

public enum NotificationKind
{
    BookingConfirmation,
    Reminder24h,
    Reminder1h,
    Cancellation,
    Rescheduled,
    WaitlistSeatOffered,

    /// <summary>Staff approval: the request received, approved, declined (or lapsed unanswered).</summary>
    ApprovalRequested,
    ApprovalGranted,
    ApprovalDeclined,

    /// <summary>Identity's messages: confirm an address, reset a password, confirm a new address, a staff invitation.</summary>
    ConfirmEmail,
    ResetPassword,
    ConfirmEmailChange,
    StaffInvitation,

    /// <summary>Sent instead of a second account when someone registers with an address that has one: the page answers the same either way.</summary>
    AlreadyRegistered,

    /// <summary>An event told to a staff-registered webhook endpoint; the subject is the event type.</summary>
    Webhook,

    /// <summary>Staff gave the booking to another practitioner (its own was away); same time, same place.</summary>
    PractitionerChanged,

    /// <summary>A waiting customer's turn to book has come, with a single-use link that resumes it on any device.</summary>
    YourTurn,

    /// <summary>
    /// A booking made for a customer who was not there to pay (their ranked choice, booked at their turn) holds its
    /// seat until the online deposit is paid: pay it by then, or the time is released.
    /// </summary>
    DepositDue,

    /// <summary>Staff changed where a service is given (another address, a video call instead, another link): the appointment's new place.</summary>
    LocationChanged,

    /// <summary>A waitlist place ended because staff archived the service: the seat waited for (or offered) will not come.</summary>
    WaitlistClosed,

    /// <summary>
    /// The deposit was charged after the seat had been released (the hold lapsed, or the booking was cancelled, with the checkout
    /// still open): the booking stays cancelled and the money is refunded in full.
    /// </summary>
    LatePaymentRefunded,

    /// <summary>
    /// A second, different payment arrived for a booking that already records one (a second checkout paid): the booking keeps
    /// the first, and the second is refunded in full.
    /// </summary>
    SecondPaymentRefunded,
}

public static class NotificationKinds
{
    /// <summary>
    /// Its link alone sets a password or confirms an address: whoever reads it can take the account. Only its recipient
    /// may read it, so staff see that it exists and how its delivery went, never its text (a staff member who read an
    /// admin's reset link, or an invitation to a new admin, would sign in as an admin).
    /// </summary>
    public static bool CarriesAccountKey(this NotificationKind kind) =>
        kind is NotificationKind.ConfirmEmail or NotificationKind.ResetPassword or NotificationKind.ConfirmEmailChange or NotificationKind.StaffInvitation;

    /// <summary>
    /// Also texted, where the customer takes texts and no channels are chosen for it: what asks them to act soon, reminds them of the
    /// day, or sends them somewhere else than they were told (a customer who goes to the old address misses the appointment).
    /// </summary>
    public static bool GoesBySms(this NotificationKind kind) =>
        kind is NotificationKind.Reminder24h or NotificationKind.Reminder1h or NotificationKind.WaitlistSeatOffered or NotificationKind.DepositDue
            or NotificationKind.LocationChanged;
}

public enum NotificationChannel
{
    Email,
    Sms,

    /// <summary>An HTTPS POST to a webhook endpoint, signed with its secret.</summary>
    Webhook,
}

public enum OutboxStatus
{
    /// <summary>Waiting for its next attempt (or for the channel to be configured).</summary>
    Pending,

    /// <summary>Claimed by a dispatcher until <see cref="OutboxMessage.ClaimedUntilUtc"/>; a claim that outlives it is taken over.</summary>
    Sending,

    Sent,

    /// <summary>Gave up: the provider refused it for good or every attempt failed. Staff can retry it.</summary>
    Failed,

    /// <summary>No longer worth sending when its turn came (a reminder for a cancelled booking, an offer that has ended).</summary>
    Skipped,
}

/// <summary>
/// One message to one recipient on one channel, written in the transaction of the change that
/// caused it and delivered later by the dispatcher. Its content is rendered when written, so the
/// outbox is also the record of what the customer was told.
/// </summary>
public class OutboxMessage : DispatchedWork
{
    /// <summary>The longest subject stored (its column's length), a template's and a filled-in one alike.</summary>
    public const int MaxSubjectLength = 300;

    public long Id { get; set; }

    /// <summary>What happened, once: "confirmation:{booking}". With the channel it is unique, so a repeated cause cannot queue a second message.</summary>
    public required string EventKey { get; set; }

    public NotificationKind Kind { get; set; }
    public NotificationChannel Channel { get; set; }
    public Guid? BookingId { get; set; }
    public long? WaitlistEntryId { get; set; }

    /// <summary>For webhook deliveries: the endpoint, whose secret signs the body when it is sent.</summary>
    public long? WebhookEndpointId { get; set; }
    public string? CustomerId { get; set; }
    public required string Recipient { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public string? AttachmentFileName { get; set; }
    public string? AttachmentContentType { get; set; }
    public string? AttachmentContent { get; set; }

    public OutboxStatus Status { get; set; }
    public string? ProviderMessageId { get; set; }

    /// <summary>The template version the message was written from; null for the built-in defaults and for messages no template writes.</summary>
    public long? MessageTemplateId { get; set; }

    /// <summary>When the retention job emptied the rendered bodies; who, what kind, when and how it was delivered stay.</summary>
    public DateTime? BodiesPurgedAtUtc { get; set; }

    /// <summary>
    /// Failed, and staff can still send it again: one whose text retention emptied is the record of what failed, not
    /// work (the dispatcher would set it aside). What every "failed messages" count and "Retry failed" use.
    /// </summary>
    public static readonly Expression<Func<OutboxMessage, bool>> FailedToRetry = m => m.Status == OutboxStatus.Failed && m.BodiesPurgedAtUtc == null;
}

/// <summary>One try at handing a message to its provider, with the provider's answer.</summary>
public class DeliveryAttempt
{
    public long Id { get; set; }
    public long OutboxMessageId { get; set; }
    public int Number { get; set; }
    public DateTime AttemptedAtUtc { get; set; }
    public bool Succeeded { get; set; }
    public required string Response { get; set; }
}
