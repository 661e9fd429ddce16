namespace BookingPortal.Tests.Integration.Notifications;

/// <summary>The links the messages carry lead to the portal's pages, not to "We couldn't find that page".</summary>
public class MessageLinkTests
{
    [Fact]
    public async Task The_waitlist_offers_claim_link_opens_my_appointments_for_the_signed_in_customer()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        var waiting = await factory.CreateSignInCustomerAsync();
        await OfferASeatAsync(factory, waiting.Id);
        var offer = (await factory.OutboxAsync()).Single(m => m.Kind == NotificationKind.WaitlistSeatOffered && m.Channel == NotificationChannel.Email);
        using var client = await factory.SignInAsync(waiting.Email, waiting.Password);

        // Besides the footer's link to the portal's home page, the offer links to where the seat is claimed.
        var claim = PageRoutes.PortalLinksIn(offer, PortalBaseUri(factory)).Single(link => link != "/");
        var page = await client.GetAsync(claim);

        page.StatusCode.Should().Be(HttpStatusCode.OK, $"the claim link {claim} opens a page");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<h1", "a page, not a redirect").And.Contain("My appointments");
    }

    /// <summary>
    /// Every kind of message the portal writes (a webhook's event carries no page), each written by the code that writes it for
    /// real, with its real template: a link any of them builds to a route no page has fails here, naming the message.
    /// </summary>
    [Fact]
    public async Task Every_link_in_every_kind_of_message_lands_on_a_routed_page()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        var (booking, _) = await factory.BookAsync();
        var entryId = await OfferASeatAsync(factory, (await factory.CreateCustomersAsync(1))[0]);
        await TellEverythingElseAsync(factory, booking, entryId);
        await SendEveryAccountMessageAsync(factory);

        var messages = await factory.OutboxAsync();

        messages.Select(m => m.Kind).Distinct().Should().BeEquivalentTo(Enum.GetValues<NotificationKind>().Except([NotificationKind.Webhook]),
            "the test must write every kind of message to judge its links");
        var links = messages.SelectMany(m => PageRoutes.PortalLinksIn(m, PortalBaseUri(factory)).Select(link => (m.Kind, m.Channel, Link: link))).ToList();
        links.Select(l => l.Kind).Distinct().Should().HaveCount(Enum.GetValues<NotificationKind>().Length - 1, "every kind links to the portal");
        links.Where(l => l.Link != "/").Select(l => l.Kind).Distinct().Should().Contain(
            [NotificationKind.BookingConfirmation, NotificationKind.WaitlistSeatOffered, NotificationKind.WaitlistClosed, NotificationKind.YourTurn, NotificationKind.ConfirmEmail],
            "each builds its own link besides the footer's");
        // Joined, so the failure names every wrong link, not only the first.
        string.Join("; ", links.Where(l => PageRoutes.PageFor(l.Link) is null).Select(l => $"{l.Kind} ({l.Channel}): {l.Link.Split('?')[0]}"))
            .Should().BeEmpty("every link a message carries opens one of the portal's pages");
    }

    /// <summary>Offers sent before the links were mended still carry the old address, for hours: it leads to the page.</summary>
    [Fact]
    public async Task An_offer_sent_with_the_old_address_still_reaches_my_appointments()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var old = await client.GetAsync("/my-appointments?culture=es-ES");

        old.StatusCode.Should().Be(HttpStatusCode.MovedPermanently, "the old address is answered, not \"page not found\"");
        old.Headers.Location!.OriginalString.Should().Be("/" + BookingPortal.Features.Bookings.CustomerPages.MyAppointments + "?culture=es-ES");
    }

    /// <summary>A customer holds the first video slot, <paramref name="waitingCustomerId"/> waits for it, and the holder cancels: the seat is offered.</summary>
    /// <returns>The waiting customer's waitlist entry.</returns>
    private static async Task<long> OfferASeatAsync(PortalFactory factory, string waitingCustomerId)
    {
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.VideoConsultationName);
        var holder = (await factory.CreateCustomersAsync(1))[0];
        var held = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(holder, service.Id, slot.StartUtc, "k"))).Booking!;
        var joined = await factory.Get<WaitlistJoining>().JoinAsync(waitingCustomerId, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc);
        joined.Outcome.Should().Be(JoinWaitlistOutcome.Joined);
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(held.ConfirmationNumber, holder, IsStaff: false))).Succeeded.Should().BeTrue();
        return joined.EntryId!.Value;
    }

    /// <summary>The booking's other messages (each kind once, whatever the booking's state would allow), the waitlist's end and a turn to book.</summary>
    private static async Task TellEverythingElseAsync(PortalFactory factory, BookingView booking, long waitlistEntryId)
    {
        var outbox = factory.Get<NotificationOutbox>();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await outbox.QueueReminderAsync(db, booking.Id, new ReminderStep(24 * 60, ReminderChannels.Email), claimId: 1, default);
        await outbox.QueueReminderAsync(db, booking.Id, new ReminderStep(60, ReminderChannels.Email), claimId: 2, default);
        await outbox.QueueRescheduledAsync(db, booking.Id, booking.StartUtc.AddDays(-1), default);
        await outbox.QueuePractitionerChangedAsync(db, booking.Id, "Dr. Vega", default);
        (await factory.Get<LocationChangeMessages>().QueueAsync(db, booking.Id, default)).Should().BeTrue();
        await outbox.QueueForBookingAsync(db, NotificationKind.ApprovalRequested, booking.Id, _ => "requested", default);
        await factory.Get<ApprovalMessages>().QueueApprovedAsync(db, booking.Id, default);
        await factory.Get<ApprovalMessages>().QueueDeclinedAsync(db, booking.Id, "Fully booked", default);
        await outbox.QueueForBookingAsync(db, NotificationKind.DepositDue, booking.Id, _ => "deposit-due", default,
            facts => facts with { PayByLocal = facts.Appointment.LocalStart.AddDays(-1), DepositDue = 50m });
        await factory.Get<WaitlistClosedMessages>().QueueAsync(db, [waitlistEntryId], default);
        await factory.Get<LatePaymentMessages>().QueueAsync(db, booking.Id, 50m, default);
        await factory.Get<LatePaymentMessages>().QueueSecondPaymentAsync(db, booking.Id, "pi_second", 50m, default);
        var (now, service) = (factory.Clock.GetUtcNow().UtcDateTime, await db.Services.AsNoTracking().SingleAsync(s => s.Id == booking.ServiceId));
        var resume = factory.Get<TurnLinks>().PathFor(1, now, now.AddMinutes(5), "en-US");
        await factory.Get<YourTurnMessages>().QueueAsync(db, booking.CustomerId, YourTurnMessages.EventKey(1, now), service, now.AddMinutes(5), resume, ReminderChannels.Email, default);
        await db.SaveChangesAsync();
    }

    private static async Task SendEveryAccountMessageAsync(PortalFactory factory)
    {
        var customer = await factory.CreateSignInCustomerAsync();
        using var scope = factory.Services.CreateScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(customer.Id))!;
        var links = scope.ServiceProvider.GetRequiredService<BookingPortal.Features.Accounts.AccountLinks>();
        await links.SendEmailConfirmationAsync(user, "/" + CustomerPages.Book(1));
        await links.SendPasswordResetAsync(user);
        await links.SendEmailChangeAsync(user, "new-" + customer.Email);
        await links.SendAlreadyRegisteredAsync(user, returnUrl: null);
        await links.SendStaffInvitationAsync(user, PortalBaseUri(factory));
    }

    private static Uri PortalBaseUri(PortalFactory factory) =>
        factory.Services.GetRequiredService<IOptions<Features.Notifications.Ports.NotificationsOptions>>().Value.PortalBaseUri;
}
