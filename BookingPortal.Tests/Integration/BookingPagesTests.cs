using Ical.Net;

namespace BookingPortal.Tests.Integration;

/// <summary>The booking pages and the calendar download over HTTP, signed in through the real login form.</summary>
public class BookingPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_booking_shows_on_its_confirmation_page_and_in_my_appointments()
    {
        var (owner, number) = await BookAsNewCustomerAsync();
        using var client = await factory.SignInAsync(owner.Email, owner.Password);

        var confirmation = await client.GetAsync($"/bookings/{number}");
        var appointments = await client.GetAsync("/my/appointments");

        confirmation.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await confirmation.Content.ReadAsStringAsync();
        html.Should().Contain(number).And.Contain("Specialist Consultation").And.Contain("New York");
        appointments.StatusCode.Should().Be(HttpStatusCode.OK);
        (await appointments.Content.ReadAsStringAsync()).Should().Contain(number);
    }

    [Fact]
    public async Task Another_customer_gets_not_found_for_the_booking_and_its_calendar_file()
    {
        var (_, number) = await BookAsNewCustomerAsync();
        var stranger = await factory.CreateSignInCustomerAsync();
        using var client = await factory.SignInAsync(stranger.Email, stranger.Password);

        var page = await client.GetAsync($"/bookings/{number}");
        var calendar = await client.GetAsync($"/bookings/{number}/calendar.ics");

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).Should().NotContain(number);
        calendar.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_owner_downloads_a_calendar_file_in_the_services_time_zone()
    {
        var (owner, number) = await BookAsNewCustomerAsync();
        using var client = await factory.SignInAsync(owner.Email, owner.Password);

        var response = await client.GetAsync($"/bookings/{number}/calendar.ics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var appointment = calendar.Events.Single();
        appointment.Summary.Should().Be(DemoSeeder.ConsultationName);
        appointment.DtStart!.TzId.Should().Be("America/New_York");
        appointment.DtStart.Value.Hour.Should().BeOneOf(9, 10, 14, 15);
        appointment.Uid.Should().EndWith("@bookingportal");
        appointment.Location.Should().Contain("Fifth Avenue");
        appointment.Description.Should().Contain(number);
    }

    /// <summary>A file downloaded after a cancellation removes the event; one after a move is a newer version of it.</summary>
    [Fact]
    public async Task The_calendar_file_follows_the_booking_as_it_stands()
    {
        var (owner, number) = await BookAsNewCustomerAsync();
        using var client = await factory.SignInAsync(owner.Email, owner.Password);
        var booked = Calendar.Load(await client.GetStringAsync($"/bookings/{number}/calendar.ics"))!;
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(number, owner.Id, IsStaff: false))).Succeeded.Should().BeTrue();

        var cancelled = Calendar.Load(await client.GetStringAsync($"/bookings/{number}/calendar.ics"))!;

        (cancelled.Method, cancelled.Events.Single().Status).Should().Be(("CANCEL", "CANCELLED"));
        cancelled.Events.Single().Sequence.Should().BeGreaterThan(booked.Events.Single().Sequence, "calendars take the higher sequence as the newer event");
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in_for_booking_pages()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var book = await client.GetAsync("/services/1/book");
        var calendar = await client.GetAsync("/bookings/ABCD-EFGH/calendar.ics");

        book.StatusCode.Should().Be(HttpStatusCode.Redirect);
        book.Headers.Location!.ToString().Should().Contain("/Account/Login");
        calendar.StatusCode.Should().BeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Where_a_release_lets_visitors_wait_the_booking_page_opens_signed_out_with_a_visitor_cookie()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var required = await client.GetAsync($"/services/{clinic.Id}/book");
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireAuthentication, false));
        }

        HttpResponseMessage open, moving;
        try
        {
            open = await client.GetAsync($"/services/{clinic.Id}/book");
            moving = await client.GetAsync($"/services/{clinic.Id}/book?reschedule=ABCD-EFGH");
        }
        finally
        {
            // The portal is shared by this class's tests: put the demo release back as it was.
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireAuthentication, true));
        }

        required.StatusCode.Should().Be(HttpStatusCode.Redirect);
        required.Headers.Location!.ToString().Should().Contain("/Account/Login");
        open.StatusCode.Should().Be(HttpStatusCode.OK);
        (await open.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"waiting-room\"").And.Contain("wait without an account");
        var visitorCookie = required.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(QueueVisitors.CookieName + "="));
        visitorCookie.Should().Contain("httponly");
        open.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(visitorCookie.Split(';')[0] + ";") && c.Contains("max-age=604800"),
            "each visit renews the same key for another week, so it cannot lapse during an opening");
        moving.StatusCode.Should().Be(HttpStatusCode.Redirect, "moving a booking always needs its owner signed in");
    }

    [Fact]
    public async Task Change_time_says_until_when_before_the_cutoff_and_after_it_is_not_offered_and_says_why()
    {
        var owner = await factory.CreateSignInCustomerAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var slots = await factory.BookableSlotsAsync(service);
        var bookings = factory.Get<BookingService>();
        var early = (await bookings.ReserveAsync(new ReserveRequest(owner.Id, service.Id, slots.Last().StartUtc, Guid.NewGuid().ToString()))).Booking!;
        var late = (await bookings.ReserveAsync(new ReserveRequest(owner.Id, service.Id, slots.First(s => s.StartUtc < now.AddHours(48)).StartUtc, Guid.NewGuid().ToString()))).Booking!;
        using var client = await factory.SignInAsync(owner.Email, owner.Password);

        var open = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/bookings/{early.ConfirmationNumber}"));
        var closed = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/bookings/{late.ConfirmationNumber}"));
        var movePage = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/services/{service.Id}/book?reschedule={late.ConfirmationNumber}"));
        var openMovePage = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/services/{service.Id}/book?reschedule={early.ConfirmationNumber}"));

        var cutoff = early.MoveWindowAt(now).ClosesAtUtc;
        var cutoffLocal = TimeZoneInfo.ConvertTime(new DateTimeOffset(cutoff), service.TimeZone);
        open.Should().Contain($"Changes are possible until {Features.Catalog.DisplayFormat.Date(cutoffLocal)}, {Features.Catalog.DisplayFormat.Time(cutoffLocal)} {Features.Catalog.DisplayFormat.ZoneName(service.TimeZoneId)}; after that please contact reception.")
            .And.Contain($"book?reschedule={early.ConfirmationNumber}");
        closed.Should().Contain("so this booking can no longer be moved online. Please contact reception to change it.")
            .And.NotContain($"book?reschedule={late.ConfirmationNumber}");
        openMovePage.Should().Contain("Changes are possible until").And.Contain("Pick a date");
        movePage.Should().Contain("so this booking can no longer be moved online").And.NotContain("Pick a date");
    }

    [Fact]
    public async Task Unknown_services_and_pages_answer_not_found()
    {
        using var client = factory.CreateClient();

        (await client.GetAsync("/services/424242")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/no-such-page")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var home = await client.GetAsync("/");
        home.StatusCode.Should().Be(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).Should().Contain(DemoSeeder.ConsultationName).And.Contain(DemoSeeder.VideoConsultationName);
    }

    private async Task<((string Id, string Email, string Password) Owner, string Number)> BookAsNewCustomerAsync()
    {
        var owner = await factory.CreateSignInCustomerAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var slot = (await factory.BookableSlotsAsync(service)).Last();
        var result = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(owner.Id, service.Id, slot.StartUtc, Guid.NewGuid().ToString()));
        result.Succeeded.Should().BeTrue(result.Message);
        return (owner, result.Booking!.ConfirmationNumber);
    }
}
