using BookingPortal.Features.Notifications.Ports;

namespace BookingPortal.Tests.Integration.Admin;

public class PeopleAndDashboardTests : PortalSuite
{
    [Fact]
    public async Task An_invited_colleague_gets_the_role_and_a_link_that_sets_their_password()
    {
        var admin = await factory.StaffAsync(admin: true);
        var people = factory.Get<PeopleService>();

        var invited = await people.InviteStaffAsync(admin, "new.nurse@clinic.test", "Nia Nurse", Roles.Staff, StaffPageAddress.Value);
        var again = await people.InviteStaffAsync(admin, "new.nurse@clinic.test", null, Roles.Staff, StaffPageAddress.Value);
        var bad = await people.InviteStaffAsync(admin, "not-an-address", null, Roles.Staff, StaffPageAddress.Value);
        var tooLong = await people.InviteStaffAsync(admin, $"{new string('n', 250)}@clinic.test", null, Roles.Staff, StaffPageAddress.Value);

        invited.Succeeded.Should().BeTrue(invited.Message);
        again.Succeeded.Should().BeFalse();
        bad.Message.Should().Be("Enter a valid e-mail address.");
        tooLong.Message.Should().Be("Keep the e-mail address to 254 characters.");
        invited.Link.Should().StartWith($"{factory.Get<IOptions<NotificationsOptions>>().Value.PortalBaseUriOr(StaffPageAddress.Value)}Account/ResetPassword?code=");
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync("new.nurse@clinic.test"))!;
        (await users.IsInRoleAsync(user, Roles.Staff)).Should().BeTrue();
        var code = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(invited.Link!.Split("code=")[1]));
        (await users.ResetPasswordAsync(user, code, "Nurse#Portal2026")).Succeeded.Should().BeTrue("the link's code sets the password");
    }

    [Fact]
    public async Task Admins_cannot_lock_themselves_or_everyone_out_and_role_changes_are_audited()
    {
        var admin = await factory.StaffAsync(admin: true);
        var people = factory.Get<PeopleService>();
        var staff = await factory.StaffAsync();

        (await people.SetRoleAsync(admin, admin.Id, Roles.Admin, grant: false)).Message.Should().Be("You cannot take away your own admin role.");
        (await people.SetRoleAsync(admin, staff.Id, Roles.Admin, grant: true)).Succeeded.Should().BeTrue();
        (await people.SetRoleAsync(admin, staff.Id, Roles.Admin, grant: false)).Succeeded.Should().BeTrue();

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.Select(a => a.Action).ToListAsync()).Should().Equal("person.role_granted", "person.role_removed");
    }

    [Fact]
    public async Task Two_admins_creating_one_audience_at_once_create_it_once_and_the_other_is_told_so()
    {
        var admin = await factory.StaffAsync(admin: true);
        for (var round = 0; round < 10; round++)
        {
            var name = $"Night shift {round}";

            var (first, second) = await Race.BothAtOnceAsync(
                () => factory.Get<PeopleService>().CreateAudienceAsync(admin, name), () => factory.Get<PeopleService>().CreateAudienceAsync(admin, name));

            new[] { first, second }.Should().ContainSingle(r => r.Succeeded, $"round {round}")
                .And.ContainSingle(r => r.Message == $"There is already an audience called {name}.");
        }
    }

    [Fact]
    public async Task Customers_are_put_in_audiences_once()
    {
        var admin = await factory.StaffAsync(admin: true);
        var people = factory.Get<PeopleService>();
        var customer = await factory.CreateSignInCustomerAsync();

        (await people.CreateAudienceAsync(admin, "Gold")).Succeeded.Should().BeTrue();
        (await people.CreateAudienceAsync(admin, "Gold")).Succeeded.Should().BeFalse();
        var vip = (await people.ListAudiencesAsync(admin)).Single(a => a.Name == "Gold");
        (await people.SetAudienceMemberAsync(admin, vip.Id, customer.Email, member: true)).Succeeded.Should().BeTrue();
        (await people.SetAudienceMemberAsync(admin, vip.Id, customer.Email, member: true)).Message.Should().Contain("already");
        (await people.SetAudienceMemberAsync(admin, vip.Id, "nobody@nowhere.test", member: true)).Succeeded.Should().BeFalse();

        (await people.ListAudiencesAsync(admin)).Single(a => a.Name == "Gold").Members.Should().Be(1);
        (await people.ListAsync(admin, customer.Email)).Single().Audiences.Should().Equal("Gold");
    }

    [Fact]
    public async Task The_dashboard_counts_today_in_the_clinics_zone()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var day = (await factory.BookableSlotsAsync(service)).GroupBy(s => s.LocalStart.Date).First().ToList();
        var bookings = new List<BookingView>();
        foreach (var (slot, customer) in day.Take(3).Zip(await factory.CreateCustomersAsync(3)))
        {
            bookings.Add((await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "k"))).Booking!);
        }

        var staff = await factory.StaffAsync();
        factory.Clock.SetUtcNow(new DateTimeOffset(bookings[1].StartUtc.AddMinutes(20), TimeSpan.Zero));
        await factory.Get<FrontDeskService>().CheckInAsync(staff, bookings[0].Id);
        await factory.Get<FrontDeskService>().SweepNoShowsAsync();

        var dashboard = await factory.Get<DashboardService>().GetAsync(staff);

        dashboard.Today.Should().Be(DateOnly.FromDateTime(day[0].LocalStart.DateTime));
        (dashboard.CheckedIn, dashboard.NoShows, dashboard.Waiting).Should().Be((1, 1, 1));
        dashboard.ByHour.Select(h => h.Hour).Should().Equal(day.Take(3).Select(s => s.LocalStart.Hour));
        dashboard.SeatsThisWeek.Should().Contain(s => s.Name == DemoSeeder.ConsultationName && s.SeatsLeft < s.Capacity);
        dashboard.PendingNotifications.Should().Be(3, "three confirmations wait in the outbox with no provider configured");
        dashboard.NextRelease!.ServiceName.Should().Be(DemoSeeder.WeeklyClinicName);
        var opensLocal = TimeZoneInfo.ConvertTimeFromUtc(dashboard.NextRelease.OpensAtUtc, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        (opensLocal.DayOfWeek, opensLocal.Hour, dashboard.NextRelease.InQueue).Should().Be((DayOfWeek.Monday, 9, 0));
    }

    /// <summary>Santiago's clocks jump from midnight to 01:00 on 6 September 2026: that day has no midnight to start from.</summary>
    [Fact]
    public async Task The_dashboard_and_the_appointment_filter_work_on_a_day_that_starts_at_one_oclock()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var springForward = new DateOnly(2026, 9, 6);
        santiago.IsInvalidTime(springForward.ToDateTime(TimeOnly.MinValue)).Should().BeTrue("the test needs a day whose midnight never happens");
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Services.ExecuteUpdateAsync(s => s.SetProperty(x => x.TimeZoneId, santiago.Id));
        }

        // Sunday 23:00 in Santiago, already Monday in UTC.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 7, 2, 0, 0, TimeSpan.Zero));
        var staff = await factory.StaffAsync();

        (await factory.Get<DashboardService>().GetAsync(staff)).Today.Should().Be(springForward);
        (await factory.Get<AppointmentsService>().SearchAsync(staff, new AppointmentQuery(From: springForward, To: springForward))).Rows.Should().BeEmpty();
        var week = await factory.Get<SlotCalendarService>().WeekAsync(staff, (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).Id, anyDayOfWeek: null);
        week!.Monday.Should().Be(new DateOnly(2026, 8, 31), "staff see the week it is where the clinic is");
    }
}

/// <summary>People and audiences on PostgreSQL, the audience race included.</summary>
public class PeopleAndDashboardOnPostgresTests : PeopleAndDashboardTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
