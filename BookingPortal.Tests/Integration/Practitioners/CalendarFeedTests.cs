namespace BookingPortal.Tests.Integration.Practitioners;

public class CalendarFeedTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_feed_lists_the_practitioners_appointments_without_customer_details_and_only_its_hash_is_stored()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var practitioner = await factory.CreatePractitionerAsync("Dr Feed", service.Id);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, (await factory.BookableSlotsAsync(service))[0].StartUtc);
        var someoneElses = await factory.BookAsNewCustomerAsync(service.Id, (await factory.BookableSlotsAsync(service))[1].StartUtc);
        await factory.AssignAsync(booking.Id, practitioner);
        var token = await factory.Get<CalendarFeedService>().IssueAsync(await factory.StaffAsync(), practitioner);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/" + CalendarFeedService.PathFor(token!));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var feed = await response.Content.ReadAsStringAsync();
        feed.Should().Contain(booking.ConfirmationNumber).And.Contain($"DTSTART:{booking.StartUtc:yyyyMMdd'T'HHmmss}Z").And.NotContain(someoneElses.ConfirmationNumber);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var customer = await db.Users.SingleAsync(u => u.Id == booking.CustomerId);
        feed.Should().NotContain(customer.Email!).And.NotContain(customer.Email!.Split('@')[0]);
        var stored = await db.Practitioners.Where(p => p.Id == practitioner).Select(p => p.CalendarFeedTokenHash).SingleAsync();
        stored.Should().Be(CalendarFeedToken.Hash(token!)).And.NotContain(token!);
    }

    [Fact]
    public async Task Under_privacy_mode_the_feed_does_not_name_the_service()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var practitioner = await factory.CreatePractitionerAsync("Dr Private", service.Id);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, (await factory.BookableSlotsAsync(service))[2].StartUtc);
        await factory.AssignAsync(booking.Id, practitioner);
        var token = await factory.Get<CalendarFeedService>().IssueAsync(await factory.StaffAsync(), practitioner);
        using var client = factory.CreateClient();
        await SetPrivacyModeAsync(service.Id, true);
        try
        {
            var feed = await client.GetStringAsync("/" + CalendarFeedService.PathFor(token!));

            feed.Should().Contain(booking.ConfirmationNumber).And.Contain($"SUMMARY:{CalendarFeedService.PrivateTitle}").And.NotContain(service.Name);
        }
        finally
        {
            await SetPrivacyModeAsync(service.Id, false);
        }
    }

    private async Task SetPrivacyModeAsync(int serviceId, bool on)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Services.Where(s => s.Id == serviceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.PrivacyMode, on));
    }

    [Fact]
    public async Task A_new_address_stops_the_old_one_revoking_stops_both_and_a_made_up_token_finds_nothing()
    {
        var feeds = factory.Get<CalendarFeedService>();
        var staff = await factory.StaffAsync();
        var practitioner = await factory.CreatePractitionerAsync("Dr Revoked", (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id);
        using var client = factory.CreateClient();
        async Task<HttpStatusCode> StatusOf(string token) => (await client.GetAsync("/" + CalendarFeedService.PathFor(token))).StatusCode;

        var first = (await feeds.IssueAsync(staff, practitioner))!;
        var second = (await feeds.IssueAsync(staff, practitioner))!;

        (await StatusOf(first)).Should().Be(HttpStatusCode.NotFound);
        (await StatusOf(second)).Should().Be(HttpStatusCode.OK);
        (await feeds.RevokeAsync(staff, practitioner)).Should().BeTrue();
        (await StatusOf(second)).Should().Be(HttpStatusCode.NotFound);
        (await StatusOf(CalendarFeedToken.Create())).Should().Be(HttpStatusCode.NotFound);
        (await StatusOf("short")).Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_practitioner_who_has_left_stops_receiving_the_schedule()
    {
        var practitioner = await factory.CreatePractitionerAsync("Dr Gone", (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id);
        var token = (await factory.Get<CalendarFeedService>().IssueAsync(await factory.StaffAsync(), practitioner))!;
        using var client = factory.CreateClient();
        var before = await client.GetAsync("/" + CalendarFeedService.PathFor(token));
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Practitioners.Where(p => p.Id == practitioner).ExecuteUpdateAsync(p => p.SetProperty(x => x.IsActive, false));
        }

        var after = await client.GetAsync("/" + CalendarFeedService.PathFor(token));

        (before.StatusCode, after.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.NotFound),
            "the profile made inactive: the schedule's services, times and confirmation numbers are no longer theirs to read");
    }

    [Fact]
    public async Task A_practitioner_whose_account_loses_the_staff_role_stops_receiving_the_schedule()
    {
        var (admin, people) = (await factory.StaffAsync(admin: true), factory.Get<PeopleService>());
        var person = await factory.CreateSignInCustomerAsync();
        (await people.SetRoleAsync(admin, person.Id, Roles.Staff, grant: true)).Succeeded.Should().BeTrue();
        var practitioner = await factory.CreatePractitionerAsync("Dr Demoted", (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id, person.Id);
        var token = (await factory.Get<CalendarFeedService>().IssueAsync(await factory.StaffAsync(), practitioner))!;
        using var client = factory.CreateClient();
        var before = await client.GetAsync("/" + CalendarFeedService.PathFor(token));

        var removed = await people.SetRoleAsync(admin, person.Id, Roles.Staff, grant: false);
        var after = await client.GetAsync("/" + CalendarFeedService.PathFor(token));

        removed.Succeeded.Should().BeTrue(removed.Message);
        (before.StatusCode, after.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.NotFound),
            "nobody revoked the feed, yet the account is no longer staff: the schedule is no longer theirs to read");
    }
}
