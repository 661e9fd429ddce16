using BookingPortal.Features.Audit;
using BookingPortal.Tests.Integration.Accounts;

namespace BookingPortal.Tests.Integration.Admin;

/// <summary>
/// Every staff page is behind the role, and every staff service checks the role itself. Nothing here changes the
/// portal, so the tests share one, and one set of signed-in clients (each sign-in hashes a password).
/// </summary>
public class StaffAccessTests(StaffAccessTests.SignedInPortal factory) : IClassFixture<StaffAccessTests.SignedInPortal>
{
    public static readonly TheoryData<string, string> StaffPages = new()
    {
        { "/admin", "Dashboard" },
        { "/admin/today", "Front desk" },
        { "/admin/appointments", "Appointments" },
        { "/admin/slots", "Slots" },
        { "/admin/services", "Services" },
        { "/admin/services/new", "New service" },
        { "/admin/releases", "Releases" },
        { "/admin/customers", "Customers" },
        { "/admin/outbox", "Outbox" },
        { "/admin/jobs", "Scheduled jobs" },
        { "/admin/webhooks", "Webhooks" },
        { "/admin/practitioners", "Practitioners" },
        { "/admin/my-day", "My day" },
    };

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task Staff_pages_send_strangers_to_sign_in_refuse_customers_and_open_for_staff(string path, string title)
    {
        var (anonymous, customer, staff, _) = await factory.ClientsAsync();

        await ShouldOpenOnlyForAsync(path, title, anonymous, refused: customer, allowed: staff);
    }

    [Theory]
    [InlineData("/admin/people", "People")]
    [InlineData("/admin/audit", "Audit log")]
    public async Task Admin_pages_refuse_staff_and_open_for_admins(string path, string title)
    {
        var (anonymous, _, staff, admin) = await factory.ClientsAsync();

        await ShouldOpenOnlyForAsync(path, title, anonymous, refused: staff, allowed: admin);
    }

    [Fact]
    public async Task The_csv_export_is_for_staff_only()
    {
        var (anonymous, customer, staff, _) = await factory.ClientsAsync();

        (await anonymous.GetAsync("/admin/appointments.csv")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await customer.GetAsync("/admin/appointments.csv")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        var asStaff = await staff.GetAsync("/admin/appointments.csv");
        asStaff.StatusCode.Should().Be(HttpStatusCode.OK);
        asStaff.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
    }

    [Fact]
    public async Task Staff_services_refuse_a_caller_without_the_role_even_if_a_page_forgot_to()
    {
        var notStaff = TestData.CustomerActor((await factory.CreateCustomersAsync(1))[0]);
        var staff = await factory.StaffAsync();
        Func<Task>[] staffActions =
        [
            () => factory.Get<ServiceAdminService>().ListAsync(notStaff),
            () => factory.Get<ServiceAdminService>().SaveAsync(notStaff, ServiceAdminService.NewDraft()),
            () => factory.Get<AppointmentsService>().SearchAsync(notStaff, new AppointmentQuery()),
            () => factory.Get<AppointmentsService>().ExportCsvAsync(notStaff, new AppointmentQuery()),
            () => factory.Get<FrontDeskService>().CheckInAsync(notStaff, Guid.NewGuid()),
            () => factory.Get<FrontDeskService>().MarkNoShowAsync(notStaff, Guid.NewGuid()),
            () => factory.Get<FrontDeskService>().UndoNoShowAsync(notStaff, Guid.NewGuid()),
            () => factory.Get<SlotCalendarService>().CloseDayAsync(notStaff, 1, new DateOnly(2026, 3, 4), cancelBookings: true),
            () => factory.Get<SlotCapacityService>().AddSeatsAsync(notStaff, 1, DateTime.UtcNow, 1),
            () => factory.Get<CustomersService>().SetNoShowLimitAsync(notStaff, notStaff.Id, 2),
            () => factory.Get<DashboardService>().GetAsync(notStaff),
            () => factory.Get<AuditLog>().ListAsync(notStaff, null, 0, 10),
            () => factory.Get<OutboxAdminService>().ListAsync(notStaff, null, null, 0, 10),
            () => factory.Get<OutboxAdminService>().RetryFailedAsync(notStaff),
            () => factory.Get<OutboxAdminService>().ListJobsAsync(notStaff),
            () => factory.Get<PeopleService>().ListAsync(staff, null),
            () => factory.Get<AuditLog>().ListAsync(staff, null, 0, 10),
            () => factory.Get<PeopleService>().SetRoleAsync(staff, notStaff.Id, Roles.Admin, grant: true),
        ];

        foreach (var action in staffActions)
        {
            await action.Should().ThrowAsync<UnauthorizedAccessException>();
        }
    }

    [Fact]
    public async Task Staff_see_that_an_admins_reset_link_went_out_but_never_the_link()
    {
        var (anonymous, _, _, _) = await factory.ClientsAsync();
        await anonymous.SubmitFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = DemoSeeder.AdminEmail });
        var reset = (await factory.MailToAsync(DemoSeeder.AdminEmail)).Last(m => m.Kind == NotificationKind.ResetPassword);
        reset.TextBody.Should().Contain("ResetPassword?code=", "the customer's own e-mail carries the link");

        var detail = await factory.Get<OutboxAdminService>().GetAsync(await factory.StaffAsync(), reset.Id);

        detail!.Row.Kind.Should().Be(NotificationKind.ResetPassword);
        detail.Row.Recipient.Should().Be(DemoSeeder.AdminEmail);
        detail.TextBody.Should().BeNull("a staff member who read it could set the admin's password");
    }

    /// <summary>A stranger is sent to sign in, <paramref name="refused"/> is denied, and <paramref name="allowed"/> gets the page titled <paramref name="title"/>.</summary>
    private static async Task ShouldOpenOnlyForAsync(string path, string title, HttpClient anonymous, HttpClient refused, HttpClient allowed)
    {
        await ExpectRedirectAsync(anonymous, path, "/Account/Login");
        await ExpectRedirectAsync(refused, path, "/Account/AccessDenied");
        var page = await allowed.GetAsync(path);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain($"<title>{title} · BookingPortal</title>");
    }

    private static async Task ExpectRedirectAsync(HttpClient client, string path, string target)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
        response.Headers.Location!.ToString().Should().Contain(target);
    }

    /// <summary>The portal with a stranger, a customer, the demo staff member and the demo admin, signed in once.</summary>
    public sealed class SignedInPortal : PortalFactory
    {
        private Task<(HttpClient Anonymous, HttpClient Customer, HttpClient Staff, HttpClient Admin)>? clients;

        public Task<(HttpClient Anonymous, HttpClient Customer, HttpClient Staff, HttpClient Admin)> ClientsAsync() => clients ??= SignInAsync();

        private async Task<(HttpClient Anonymous, HttpClient Customer, HttpClient Staff, HttpClient Admin)> SignInAsync()
        {
            var customer = await this.CreateSignInCustomerAsync();
            return (
                CreateClient(new() { AllowAutoRedirect = false }),
                await this.SignInAsync(customer.Email, customer.Password),
                await this.SignInAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword),
                await this.SignInAsync(DemoSeeder.AdminEmail, DemoSeeder.AdminPassword));
        }
    }
}
