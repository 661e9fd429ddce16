using BookingPortal.Features.Webhooks;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// What staff's answer to a request writes to the outbox, in the answer's transaction: the customer's
/// e-mail and the webhook event. The request itself is told with the new booking (NotificationOutbox).
/// </summary>
[ScopedService]
public sealed class ApprovalMessages(NotificationOutbox outbox, WebhookOutbox webhooks)
{
    /// <summary>Call after the approving update: the booking is read in the caller's transaction to say whether a deposit is still to be paid.</summary>
    public async Task QueueApprovedAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken)
    {
        var due = await DepositDueMessages.ReadAsync(db, bookingId, cancellationToken);
        var cause = $"approved:{bookingId}";
        await outbox.QueueForBookingAsync(db, NotificationKind.ApprovalGranted, bookingId, _ => cause, cancellationToken, due.Apply);
        await webhooks.QueueBookingEventAsync(db, WebhookEventTypes.BookingApproved, bookingId, cause, cancellationToken);
        if (due.Status == BookingStatus.Confirmed)
        {
            // The same cause as a paid deposit's confirmation: a booking is confirmed once, whichever way.
            await webhooks.QueueBookingEventAsync(db, WebhookEventTypes.BookingConfirmed, bookingId, $"confirmation:{bookingId}", cancellationToken);
        }
    }

    /// <summary>Declined by staff or lapsed unanswered: the customer reads <paramref name="reason"/>.</summary>
    public async Task QueueDeclinedAsync(BookingDbContext db, Guid bookingId, string reason, CancellationToken cancellationToken)
    {
        var cause = $"declined:{bookingId}";
        await outbox.QueueForBookingAsync(db, NotificationKind.ApprovalDeclined, bookingId, _ => cause, cancellationToken, facts => facts with { Reason = reason });
        await webhooks.QueueBookingEventAsync(db, WebhookEventTypes.BookingDeclined, bookingId, cause, cancellationToken);
    }
}
