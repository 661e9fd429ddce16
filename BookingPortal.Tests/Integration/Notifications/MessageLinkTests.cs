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

    [Fact]
    public async Task Every_link_in_the_confirmation_the_cancellation_and_the_waitlist_offer_lands_on_a_routed_page()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        await factory.BookAsync();
        await OfferASeatAsync(factory, (await factory.CreateCustomersAsync(1))[0]);

        var messages = await factory.OutboxAsync();

        messages.Select(m => m.Kind).Should().Contain([NotificationKind.BookingConfirmation, NotificationKind.Cancellation, NotificationKind.WaitlistSeatOffered]);
        var links = messages.SelectMany(m => PageRoutes.PortalLinksIn(m, PortalBaseUri(factory)).Select(link => (m.Kind, m.Channel, Link: link))).ToList();
        links.Should().NotBeEmpty();
        links.Where(l => PageRoutes.PageFor(l.Link) is null).Select(l => $"{l.Kind} ({l.Channel}): {l.Link}")
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
    private static async Task OfferASeatAsync(PortalFactory factory, string waitingCustomerId)
    {
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.VideoConsultationName);
        var holder = (await factory.CreateCustomersAsync(1))[0];
        var held = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(holder, service.Id, slot.StartUtc, "k"))).Booking!;
        var joined = await factory.Get<WaitlistJoining>().JoinAsync(waitingCustomerId, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc);
        joined.Outcome.Should().Be(JoinWaitlistOutcome.Joined);
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(held.ConfirmationNumber, holder, IsStaff: false))).Succeeded.Should().BeTrue();
    }

    private static Uri PortalBaseUri(PortalFactory factory) =>
        factory.Services.GetRequiredService<IOptions<Features.Notifications.Ports.NotificationsOptions>>().Value.PortalBaseUri;
}
