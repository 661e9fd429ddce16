using BookingPortal.Tests.Integration.Notifications;
using Ical.Net;

namespace BookingPortal.Tests.Integration.Admin;

/// <summary>
/// A service given somewhere else is so for the upcoming bookings: the customer of each is told, with the calendar event updated,
/// and the webhooks hear it, in the edit's transaction; past and cancelled bookings keep their place; a booking's own video room
/// follows the service's kind.
/// </summary>
public class ServiceLocationChangeTests() : PortalSuite(scheduledJobs: false)
{
    private const string RoomsBaseUrl = "https://meet.clinic.example";
    private const string NewAddress = "7 Harbour Road, Boston, MA 02110";

    protected override PortalFactory NewPortal() => new RoomsPortal { Provider = Provider };

    [Fact]
    public async Task A_new_address_is_told_to_each_upcoming_booking_and_the_webhooks_while_past_and_cancelled_ones_keep_theirs()
    {
        var (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        var (endpoint, _) = await factory.Get<WebhookAdminService>().RegisterAsync(await factory.StaffAsync(),
            new WebhookEndpointDraft { Url = "https://93.184.216.34/hooks", EventTypes = [WebhookEventTypes.BookingLocationChanged] });
        var past = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var upcoming = await factory.BookAsNewCustomerAsync(service.Id, slots.First(s => s.StartUtc > past.StartUtc.AddDays(2)).StartUtc);
        var cancelled = await factory.BookAsNewCustomerAsync(service.Id, slots.First(s => s.StartUtc > upcoming.StartUtc).StartUtc);
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(cancelled.ConfirmationNumber, cancelled.CustomerId, IsStaff: false))).Succeeded.Should().BeTrue();
        upcoming.Status.Should().Be(BookingStatus.Confirmed);
        factory.Clock.SetUtcNow(new DateTimeOffset(past.StartUtc.AddHours(2), TimeSpan.Zero));
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        var oldAddress = draft.Address;
        draft.Address = NewAddress;

        var saved = await admin.SaveAsync(staff, draft);

        saved.Succeeded.Should().BeTrue(saved.Message);
        saved.CustomersTold.Should().Be(1);
        var told = (await factory.OutboxAsync()).Where(m => m.Kind == NotificationKind.LocationChanged).ToList();
        var message = told.Should().ContainSingle("one upcoming booking, its customer takes no texts").Subject;
        message.BookingId.Should().Be(upcoming.Id);
        message.Channel.Should().Be(NotificationChannel.Email);
        message.TextBody.Should().Contain(NewAddress).And.Contain(upcoming.ConfirmationNumber);
        message.HtmlBody.Should().Contain(NewAddress);
        var calendar = Calendar.Load(message.AttachmentContent!)!;
        calendar.Method.Should().Be("PUBLISH");
        calendar.Events.Single().Location.Should().Be(NewAddress);
        calendar.Events.Single().Sequence.Should().BePositive("it replaces the event the confirmation put in the calendar");
        var hooks = (await factory.OutboxAsync()).Where(m => m.WebhookEndpointId == endpoint!.Id).ToList();
        hooks.Should().ContainSingle("the upcoming booking's place changed, no other's").Which.TextBody.Should()
            .Contain("\"type\":\"booking.location_changed\"").And.Contain(upcoming.ConfirmationNumber)
            .And.Contain($"\"location\":{{\"kind\":\"in-person\",\"address\":\"{NewAddress}\"");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.Where(a => a.Action == "service.updated").Select(a => a.Details).SingleAsync()).Should().Contain("told of the new place");
        (await AddressesAsync(past, cancelled, upcoming)).Should().Equal([oldAddress, oldAddress, NewAddress], "history keeps the place it had");

        // Once the upcoming one has passed, a later move leaves it where it was then, and the others where they were.
        factory.Clock.SetUtcNow(new DateTimeOffset(upcoming.StartUtc.AddHours(2), TimeSpan.Zero));
        draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.Address = "1 Quay Street, Boston, MA 02109";
        (await admin.SaveAsync(staff, draft)).Succeeded.Should().BeTrue();
        (await AddressesAsync(past, cancelled, upcoming)).Should().Equal(oldAddress, oldAddress, NewAddress);
    }

    private async Task<List<string?>> AddressesAsync(params BookingView[] bookings)
    {
        var reader = factory.Get<BookingReader>();
        var addresses = new List<string?>();
        foreach (var booking in bookings)
        {
            addresses.Add((await reader.GetAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false))!.Address);
        }

        return addresses;
    }

    [Fact]
    public async Task A_video_service_given_in_person_drops_each_bookings_room_and_back_to_video_gives_each_a_new_one()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.VideoConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        booking.VideoLink.Should().StartWith(RoomsBaseUrl + "/");
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        (draft.LocationKind, draft.Address) = (LocationKind.InPerson, NewAddress);

        (await admin.SaveAsync(staff, draft)).CustomersTold.Should().Be(1);
        var inPerson = (await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false))!;
        draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.LocationKind = LocationKind.Virtual;
        draft.VideoLink = "https://meet.bookingportal.example/room/shared";
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        (await admin.SaveAsync(staff, draft)).CustomersTold.Should().Be(1);
        var video = (await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false))!;

        (inPerson.Address, inPerson.VideoLink).Should().Be((NewAddress, null));
        video.VideoLink.Should().StartWith(RoomsBaseUrl + "/").And.NotBe(booking.VideoLink, "a room the customer was told is over is not given back");
        var told = (await factory.OutboxAsync()).Where(m => m.Kind == NotificationKind.LocationChanged).OrderBy(m => m.Id).ToList();
        told.Select(m => m.BookingId).Should().Equal(booking.Id, booking.Id);
        told[0].TextBody.Should().Contain(NewAddress).And.NotContain(RoomsBaseUrl);
        told[1].TextBody.Should().Contain(video.VideoLink).And.NotContain(NewAddress);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).VideoRoomLink.Should().Be(video.VideoLink);
    }

    [Fact]
    public async Task An_edit_that_leaves_the_place_as_it_was_tells_nobody()
    {
        var (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.Price += 10m;

        (await admin.SaveAsync(staff, draft)).CustomersTold.Should().Be(0);

        (await factory.OutboxAsync()).Should().NotContain(m => m.Kind == NotificationKind.LocationChanged);
    }

    private sealed class RoomsPortal : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Video:BaseUrl", RoomsBaseUrl)];
    }
}

/// <summary>The same on PostgreSQL.</summary>
public class ServiceLocationChangeOnPostgresTests : ServiceLocationChangeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
