namespace BookingPortal.Features.Notifications;

/// <summary>Why a due message is not sent after all: what it tells is no longer true, or no one should get it now.</summary>
internal static class OutboxSkipRules
{
    /// <summary>Messages whose body is gone, about a booking that has changed since, to a paused endpoint, and offers that ended before their turn, are not sent.</summary>
    public static async Task<string?> ReasonToSkipAsync(BookingDbContext db, OutboxMessage message, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // A finished message put back in line (Retry failed, a webhook's Resend before it refused these) would go out empty or not at all.
        if (message.BodiesPurgedAtUtc is { } purgedAtUtc)
        {
            return $"Not sent: retention emptied what it said on {purgedAtUtc:yyyy-MM-dd}.";
        }

        if (message.Kind is NotificationKind.Reminder24h or NotificationKind.Reminder1h or NotificationKind.BookingConfirmation or NotificationKind.Rescheduled
                or NotificationKind.PractitionerChanged or NotificationKind.ApprovalRequested or NotificationKind.ApprovalGranted or NotificationKind.DepositDue
                or NotificationKind.LocationChanged
            && message.BookingId is { } bookingId)
        {
            return await BookingChangedAsync(db, message, bookingId, nowUtc, cancellationToken);
        }

        if (message.Kind == NotificationKind.Webhook && message.WebhookEndpointId is { } endpointId)
        {
            var active = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Id == endpointId).Select(e => e.IsActive).SingleAsync(cancellationToken);
            return active ? null : "Not sent: the endpoint is paused.";
        }

        if (message.Kind == NotificationKind.YourTurn)
        {
            return await YourTurnMessages.ReasonToSkipAsync(db, message.EventKey, nowUtc, cancellationToken);
        }

        if (message.Kind == NotificationKind.WaitlistSeatOffered && message.WaitlistEntryId is { } entryId)
        {
            var entry = await db.WaitlistEntries.AsNoTracking().Where(e => e.Id == entryId).Select(e => new { e.Status, e.OfferExpiresAtUtc }).SingleAsync(cancellationToken);
            return entry.Status != WaitlistStatus.Offered || entry.OfferExpiresAtUtc <= nowUtc ? "Not sent: the offer had already ended." : null;
        }

        return null;
    }

    /// <summary>
    /// A message about a booking tells of it as it was when written. Sent after a later message about the booking went
    /// (staff sending a failed confirmation again once the move's or the cancellation's message is out), or once the
    /// appointment has started, it would tell the customer something false. In order, the customer reads a true
    /// history; so a reminder is sent only while its booking is still confirmed. A cancellation's and a decline's news
    /// stays true; an offer and a turn have rules of their own.
    /// </summary>
    private static async Task<string?> BookingChangedAsync(BookingDbContext db, OutboxMessage message, Guid bookingId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId).Select(b => new { b.Status, b.StartUtc, b.ExpiresAtUtc }).SingleAsync(cancellationToken);
        var reminder = message.Kind is NotificationKind.Reminder24h or NotificationKind.Reminder1h;
        return reminder && booking.Status != BookingStatus.Confirmed ? $"Not sent: the booking is {booking.Status}."
            // Paid (its confirmation tells that), or the hold has ended: "pay by" would ask for money the seat no longer waits for.
            : message.Kind == NotificationKind.DepositDue && !(booking.Status == BookingStatus.PendingPayment && booking.ExpiresAtUtc > nowUtc)
                ? "Not sent: the deposit was paid or its hold had ended."
            : booking.StartUtc <= nowUtc ? "Not sent: the appointment had already started."
            // Of a later event: the same event's other channel (the text of this reminder, sent first by another
            // dispatcher) tells the same news, not newer.
            : await db.OutboxMessages.AnyAsync(m => m.BookingId == bookingId && m.Id > message.Id && m.EventKey != message.EventKey
                                                    && m.Status == OutboxStatus.Sent && m.Channel != NotificationChannel.Webhook, cancellationToken)
                ? "Not sent: a later message about this booking has gone to the customer; this one would tell them of it as it was before."
            : null;
    }
}
