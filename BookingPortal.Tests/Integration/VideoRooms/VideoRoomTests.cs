using BookingPortal.Tests.Integration.Notifications;
using Ical.Net;

namespace BookingPortal.Tests.Integration.VideoRooms;

/// <summary>With "Video:BaseUrl" set, each booking of a video service has a room of its own wherever its link is shown.</summary>
public class VideoRoomTests
{
    private const string BaseUrl = "https://meet.clinic.example";

    [Fact]
    public async Task Each_video_booking_gets_its_own_room_on_the_confirmation_in_the_email_and_in_the_calendar_file()
    {
        await using var factory = new VideoPortal(new KeyValuePair<string, string>("Video:BaseUrl", BaseUrl));
        await factory.StartWithoutScheduledJobsAsync();
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.VideoConsultationName);
        var owner = await factory.CreateSignInCustomerAsync();
        var mine = await ReserveAsync(factory, owner.Id, service, slots[0]);
        var other = await factory.BookAsNewCustomerAsync(service.Id, slots[1].StartUtc);

        mine.VideoLink.Should().MatchRegex($"^{BaseUrl}/[a-z2-7]{{32}}$").And.NotBe(other.VideoLink).And.NotBe(service.VideoLink);
        other.VideoLink.Should().StartWith(BaseUrl + "/");
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            (await db.Bookings.SingleAsync(b => b.Id == mine.Id)).VideoRoomLink.Should().Be(mine.VideoLink, "the room is fixed when the booking is made");
        }

        using var client = await factory.SignInAsync(owner.Email, owner.Password);
        var page = await (await client.GetAsync($"/bookings/{mine.ConfirmationNumber}")).Content.ReadAsStringAsync();
        var calendar = Calendar.Load(await client.GetStringAsync($"/bookings/{mine.ConfirmationNumber}/calendar.ics"))!.Events.Single();
        var email = (await factory.OutboxAsync()).Single(m => m.CustomerId == owner.Id && m.Kind == NotificationKind.BookingConfirmation);

        page.Should().Contain(mine.VideoLink).And.NotContain(service.VideoLink!).And.NotContain(other.VideoLink!);
        calendar.Location.Should().Be(mine.VideoLink);
        calendar.Url!.ToString().Should().Be(mine.VideoLink);
        email.TextBody.Should().Contain(mine.VideoLink).And.NotContain(service.VideoLink!);
        email.HtmlBody.Should().Contain(mine.VideoLink);
        Calendar.Load(email.AttachmentContent!)!.Events.Single().Location.Should().Be(mine.VideoLink);
    }

    [Fact]
    public async Task Without_a_base_url_a_video_booking_keeps_the_services_shared_link()
    {
        await using var factory = new VideoPortal();
        await factory.StartWithoutScheduledJobsAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);

        var booking = await factory.BookAsNewCustomerAsync(service.Id, (await factory.BookableSlotsAsync(service))[0].StartUtc);

        booking.VideoLink.Should().Be(service.VideoLink);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).VideoRoomLink.Should().BeNull();
    }

    [Fact]
    public async Task The_app_does_not_start_with_a_base_url_that_is_not_https_and_says_which_key()
    {
        var failure = await StartupFailure.OfAsync(() => new VideoPortal(new KeyValuePair<string, string>("Video:BaseUrl", "http://meet.clinic.example")));

        failure.Should().BeAssignableTo<Exception>().Which.Message.Should().Match("*'Video:BaseUrl'*https://*");
    }

    private static async Task<BookingView> ReserveAsync(PortalFactory factory, string customerId, Service service, SlotAvailability slot)
    {
        var result = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customerId, service.Id, slot.StartUtc, Guid.NewGuid().ToString()));
        result.Succeeded.Should().BeTrue(result.Message);
        return result.Booking!;
    }

    private sealed class VideoPortal(params KeyValuePair<string, string>[] settings) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => settings;
    }
}
