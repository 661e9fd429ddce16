using BookingPortal.Features.Notifications.Ports;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Webhooks;
using BookingPortal.Features.Notifications.Templates;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// Writes messages into the outbox on the caller's DbContext, inside the caller's transaction:
/// the message exists if and only if the change that caused it was committed. Each booking event
/// also goes to the webhook endpoints subscribed to it, as rows of the same outbox. Callers save.
/// </summary>
// Stateless and on a waiting customer's page: a singleton, so no waiting circuit holds its own (ServiceLifetimeTests).
[SingletonService]
public sealed class NotificationOutbox(MessageComposer composer, WebhookOutbox webhooks, IOptions<NotificationsOptions> options, TimeProvider time) : IWaitlistOfferNotice
{
    private Uri PortalBaseUri => options.Value.PortalBaseUri;

    public async Task QueueConfirmationAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken)
    {
        await QueueForBookingAsync(db, NotificationKind.BookingConfirmation, bookingId, _ => $"confirmation:{bookingId}", cancellationToken);
        await webhooks.QueueBookingEventAsync(db, WebhookEventTypes.BookingConfirmed, bookingId, $"confirmation:{bookingId}", cancellationToken);
    }

    /// <summary>No message to the customer; webhooks hear of it.</summary>
    public Task QueueNoShowAsync(BookingDbContext db, Guid bookingId, DateTime markedAtUtc, CancellationToken cancellationToken) =>
        webhooks.QueueBookingEventAsync(db, WebhookEventTypes.BookingNoShow, bookingId, $"no-show:{bookingId}:{markedAtUtc.Ticks}", cancellationToken);

    /// <summary>None for its undoing either; a subscriber that recorded the no-show must hear it was undone. A booking's no-show is undone once.</summary>
    public Task QueueNoShowUndoneAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken) =>
        webhooks.QueueBookingEventAsync(db, WebhookEventTypes.BookingNoShowUndone, bookingId, $"no-show-undone:{bookingId}", cancellationToken);

    /// <summary>One reminder of the plan, once per claim (<see cref="BookingReminder"/>); queued late, it says "in 5 hours", not "tomorrow".</summary>
    public Task QueueReminderAsync(BookingDbContext db, Guid bookingId, ReminderStep step, long claimId, CancellationToken cancellationToken) =>
        QueueForBookingAsync(db, step.Kind, bookingId, _ => $"reminder:{bookingId}:{claimId}", cancellationToken, facts => facts with
        {
            MinutesBefore = Math.Min(step.MinutesBefore, (int)Math.Ceiling((facts.Appointment.LocalStart - time.GetUtcNow()).TotalMinutes)),
        }, step.Channels);

    public async Task QueueCancellationAsync(BookingDbContext db, Guid bookingId, CancellationMoney money, CancellationToken cancellationToken)
    {
        await QueueForBookingAsync(db, NotificationKind.Cancellation, bookingId, _ => $"cancellation:{bookingId}", cancellationToken,
            facts => facts with { FeeRetained = money.FeeRetained, Released = money.Released });
        await webhooks.QueueBookingEventAsync(db, WebhookEventTypes.BookingCancelled, bookingId, $"cancellation:{bookingId}", cancellationToken);
    }

    /// <summary>A booking cancelled before it was confirmed (an unpaid hold): its customer was never told it was booked, but webhooks heard it was created.</summary>
    public Task QueueUnconfirmedCancellationAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken) =>
        webhooks.QueueBookingEventAsync(db, WebhookEventTypes.BookingCancelled, bookingId, $"cancellation:{bookingId}", cancellationToken);

    /// <summary>
    /// A booking can move many times; each move is its own event. Webhooks hear of every move; the customer is written to
    /// about a confirmed booking, or a held one they were told of (an unpaid hold of their own making was not).
    /// </summary>
    public async Task QueueRescheduledAsync(BookingDbContext db, Guid bookingId, DateTime previousStartUtc, CancellationToken cancellationToken)
    {
        var cause = $"rescheduled:{bookingId}:{previousStartUtc.Ticks}:{time.GetUtcNow().UtcTicks}";
        // Read in the caller's transaction after its move: a payment that confirmed the hold meanwhile is seen here.
        var status = await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync(cancellationToken);
        if (status == BookingStatus.Confirmed || (status == BookingStatus.PendingPayment && await DepositDueMessages.WasToldAsync(db, bookingId, cancellationToken)))
        {
            await QueueForBookingAsync(db, NotificationKind.Rescheduled, bookingId, b => $"{cause}:{b.StartUtc.Ticks}", cancellationToken,
                facts => facts with { PreviousLocalStart = TimeZoneInfo.ConvertTime(new DateTimeOffset(previousStartUtc), TimeZoneCache.Find(facts.Appointment.TimeZoneId)) });
        }

        await webhooks.QueueBookingEventAsync(db, WebhookEventTypes.BookingRescheduled, bookingId, cause, cancellationToken);
    }

    /// <summary>Only to a customer told of the booking (<see cref="CustomerTold"/>): "your practitioner changed" of a hold they never paid would mislead.</summary>
    public async Task QueuePractitionerChangedAsync(BookingDbContext db, Guid bookingId, string practitionerName, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.Where(b => b.Id == bookingId).Select(b => new { b.Status, b.Service!.RequiresApproval }).SingleAsync(cancellationToken);
        if (await CustomerTold.OfAsync(db, bookingId, booking.Status, booking.RequiresApproval, cancellationToken))
        {
            await QueueForBookingAsync(db, NotificationKind.PractitionerChanged, bookingId, b => $"practitioner-changed:{bookingId}:{b.PractitionerId}:{time.GetUtcNow().UtcTicks}",
                cancellationToken, facts => facts with { Appointment = facts.Appointment with { PractitionerName = practitionerName } });
        }
    }

    /// <summary>The seat held for a waitlist entry; each offer (entry and seat) is told once.</summary>
    public async Task QueueWaitlistOfferAsync(BookingDbContext db, long entryId, CancellationToken cancellationToken)
    {
        var offer = await db.WaitlistEntries.AsNoTracking()
            .Where(e => e.Id == entryId && e.OfferedSlotInventoryId != null)
            .Join(db.SlotInventories, e => e.OfferedSlotInventoryId, i => i.Id, (e, i) => new { Entry = e, i.StartUtc, i.EndUtc })
            .SingleAsync(cancellationToken);
        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == offer.Entry.ServiceId, cancellationToken);
        var zone = service.TimeZone;
        var appointment = new AppointmentFacts(
            service.Name, Local(offer.StartUtc, zone), Local(offer.EndUtc, zone), service.TimeZoneId, service.LocationKind, service.Address, service.VideoLink,
            ConfirmationNumber: null, CustomerPages.MyAppointmentsLink(PortalBaseUri)) { PrivacyMode = service.PrivacyMode };
        var expires = offer.Entry.OfferExpiresAtUtc is { } until ? Local(until, zone) : (DateTimeOffset?)null;
        await QueueAsync(db, NotificationKind.WaitlistSeatOffered, offer.Entry.CustomerId, $"waitlist-offer:{entryId}:{offer.StartUtc.Ticks}",
            recipient => new MessageFacts(NotificationKind.WaitlistSeatOffered, recipient, appointment, PortalBaseUri) { OfferExpiresLocal = expires },
            message => message.WaitlistEntryId = entryId, cancellationToken);
        await webhooks.QueueAsync(db, WebhookEventTypes.WaitlistOffered, $"waitlist-offer:{entryId}:{offer.StartUtc.Ticks}",
            new WaitlistOfferData(entryId, service.Id, service.Name, offer.Entry.CustomerId, offer.StartUtc, offer.EndUtc, offer.Entry.OfferExpiresAtUtc), cancellationToken);
    }

    /// <summary>
    /// The rows a new booking writes: booking.created for webhooks and, when it is confirmed at once,
    /// the confirmation (e-mail with its calendar file) and booking.confirmed. Composed from the
    /// booking in memory, not added anywhere: the booking path composes them before its transaction
    /// opens, so the slot's lock is held only while they are inserted. The causes are new (the
    /// booking id is), so no earlier row can exist for them.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ComposeForNewBookingAsync(
        BookingDbContext db, Domain.Booking booking, Service service, CancellationToken cancellationToken)
    {
        var endpoints = await WebhookOutbox.ActiveEndpointsAsync(db, cancellationToken);
        var contact = booking.Status != BookingStatus.PendingPayment ? await CustomerContacts.FindAsync(db, booking.CustomerId, cancellationToken) : null;
        return await ComposeForNewBookingAsync(booking, service, endpoints, contact, await BookingReader.PractitionerNameAsync(db, booking.PractitionerId, cancellationToken));
    }

    /// <summary>
    /// The same, for a caller that has read the endpoints, the customer's contact and the practitioner's name itself (a batch of
    /// bookings). <paramref name="tellHeld"/>: made while its customer may be away, a booking held for its deposit says what to pay.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ComposeForNewBookingAsync(
        Domain.Booking booking, Service service, IReadOnlyList<WebhookEndpoint> endpoints, CustomerContact? contact, string? practitionerName = null, bool tellHeld = false)
    {
        var data = WebhookOutbox.BookingData(booking, service);
        var rows = webhooks.Rows(endpoints, WebhookEventTypes.BookingCreated, $"created:{booking.Id}", data).ToList();
        var view = BookingReader.ToView(booking, service) with { PractitionerName = practitionerName };
        // No such customer: nothing to compose; the booking's own checks refuse the request.
        if (booking.Status is BookingStatus.Confirmed or BookingStatus.AwaitingApproval && contact is not null)
        {
            var (kind, eventType, cause) = booking.Status == BookingStatus.Confirmed
                ? (NotificationKind.BookingConfirmation, WebhookEventTypes.BookingConfirmed, $"confirmation:{booking.Id}")
                : (NotificationKind.ApprovalRequested, WebhookEventTypes.BookingRequested, $"requested:{booking.Id}");
            rows.AddRange(await ComposeForBookingAsync(kind, view, contact, cause, extra: null));
            rows.AddRange(webhooks.Rows(endpoints, eventType, cause, data));
        }
        else if (tellHeld && contact is not null && DepositDueMessages.DepositDue.Of(view.Status, booking.ExpiresAtUtc, view.DepositAmount, view.TimeZoneId) is { PayByLocal: not null } due)
        {
            rows.AddRange(await ComposeForBookingAsync(NotificationKind.DepositDue, view, contact, DepositDueMessages.EventKey(booking.Id), due.Apply));
        }

        return rows;
    }

    internal async Task QueueForBookingAsync(
        BookingDbContext db, NotificationKind kind, Guid bookingId, Func<Domain.Booking, string> eventKey, CancellationToken cancellationToken,
        Func<MessageFacts, MessageFacts>? extra = null, ReminderChannels? channels = null)
    {
        var booking = await db.Bookings.AsNoTracking().Include(b => b.Service).SingleAsync(b => b.Id == bookingId, cancellationToken);
        var key = eventKey(booking);
        if (await AlreadyQueuedAsync(db, key, cancellationToken))
        {
            return;
        }

        var contact = await CustomerContacts.GetAsync(db, booking.CustomerId, cancellationToken);
        var view = BookingReader.ToView(booking) with { PractitionerName = await BookingReader.PractitionerNameAsync(db, booking.PractitionerId, cancellationToken) };
        db.OutboxMessages.AddRange(await ComposeForBookingAsync(kind, view, contact, key, extra, channels));
    }

    private async Task<List<OutboxMessage>> ComposeForBookingAsync(
        NotificationKind kind, BookingView view, CustomerContact contact, string eventKey, Func<MessageFacts, MessageFacts>? extra,
        ReminderChannels? channels = null)
    {
        var appointment = new AppointmentFacts(
            view.ServiceName, view.LocalStart, view.LocalEnd, view.TimeZoneId, view.LocationKind, view.Address, view.VideoLink,
            view.ConfirmationNumber, CustomerPages.BookingLink(PortalBaseUri, view.ConfirmationNumber)) { PrivacyMode = view.PrivacyMode, PractitionerName = view.PractitionerName };
        var calendarWords = MessageValues.CalendarWords(options.Value.ClinicName, contact.Language);
        return await ComposeAsync(kind, view.CustomerId, contact, eventKey,
            recipient =>
            {
                var facts = new MessageFacts(kind, recipient, appointment, PortalBaseUri) { Currency = view.Currency };
                facts = kind == NotificationKind.BookingConfirmation
                    ? facts with { GoogleCalendarLink = CalendarFile.GoogleCalendarLink(view, PortalBaseUri, calendarWords) } : facts;
                return extra is null ? facts : extra(facts);
            },
            message => message.BookingId = view.Id, CalendarUpdate(kind, view, calendarWords), channels);
    }

    internal async Task QueueAsync(
        BookingDbContext db, NotificationKind kind, string customerId, string eventKey, Func<string, MessageFacts> factsFor, Action<OutboxMessage> link,
        CancellationToken cancellationToken, ReminderChannels? channels = null)
    {
        if (await AlreadyQueuedAsync(db, eventKey, cancellationToken))
        {
            return;
        }

        var contact = await CustomerContacts.GetAsync(db, customerId, cancellationToken);
        db.OutboxMessages.AddRange(await ComposeAsync(kind, customerId, contact, eventKey, factsFor, link, attachment: null, channels));
    }

    /// <summary>The unique index is the backstop; this check keeps a repeated cause from failing its transaction.</summary>
    private static Task<bool> AlreadyQueuedAsync(BookingDbContext db, string eventKey, CancellationToken cancellationToken) =>
        db.OutboxMessages.AnyAsync(m => m.EventKey == eventKey, cancellationToken);

    /// <summary>
    /// The e-mail (and, for the kinds that go by text, the SMS to an opted-in customer) of one event,
    /// in the customer's language; a reminder goes by the channels its plan names.
    /// </summary>
    private async Task<List<OutboxMessage>> ComposeAsync(
        NotificationKind kind, string customerId, CustomerContact customer, string eventKey, Func<string, MessageFacts> factsFor, Action<OutboxMessage> link,
        string? attachment, ReminderChannels? channels = null)
    {
        var spanish = customer.Language == MessageLanguage.Spanish;
        var facts = factsFor(customer.DisplayName ?? customer.Email ?? (spanish ? "cliente" : "there")) with
        {
            Language = customer.Language, ClinicName = options.Value.ClinicName,
        };
        var composed = await composer.ComposeAsync(facts);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var rows = new List<OutboxMessage>();
        var by = channels ?? (kind.GoesBySms() ? ReminderChannels.Email | ReminderChannels.Sms : ReminderChannels.Email);
        if (by.HasFlag(ReminderChannels.Email) && customer.Email is { Length: > 0 } email)
        {
            var message = composed.ToOutbox(kind, customerId, eventKey, NotificationChannel.Email, email, nowUtc);
            if (attachment is not null)
            {
                message.AttachmentFileName = $"booking-{facts.Appointment.ConfirmationNumber}.ics";
                message.AttachmentContentType = CalendarFile.ContentType;
                message.AttachmentContent = attachment;
            }

            link(message);
            rows.Add(message);
        }

        if (by.HasFlag(ReminderChannels.Sms) && customer.SmsOptIn && PhoneNumber.TryNormalize(customer.PhoneNumber, out var phone))
        {
            var message = composed.ToOutbox(kind, customerId, eventKey, NotificationChannel.Sms, phone, nowUtc);
            link(message);
            rows.Add(message);
        }

        return rows;
    }

    private string? CalendarUpdate(NotificationKind kind, BookingView view, CalendarWords words)
    {
        // Updates carry the same UID with a higher SEQUENCE, so calendars replace the event instead of adding one.
        var nowUtc = time.GetUtcNow().UtcDateTime;
        return kind switch
        {
            NotificationKind.BookingConfirmation or NotificationKind.ApprovalGranted when view.Status == BookingStatus.Confirmed => CalendarFile.Create(view, PortalBaseUri, words),
            NotificationKind.Rescheduled or NotificationKind.LocationChanged => CalendarFile.Create(view, PortalBaseUri, words, "PUBLISH", CalendarFile.SequenceAt(view, nowUtc), nowUtc),
            NotificationKind.Cancellation => CalendarFile.Create(view, PortalBaseUri, words, "CANCEL", CalendarFile.SequenceAt(view, nowUtc), nowUtc),
            _ => null,
        };
    }

    private static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(new DateTimeOffset(utc), zone);
}
