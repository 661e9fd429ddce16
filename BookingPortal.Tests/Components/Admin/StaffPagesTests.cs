using BookingPortal.Features.Admin.Components;
using BookingPortal.Features.Admin.Pages;
using BookingPortal.Features.Webhooks.Components;
using MudBlazor;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>Staff pages rendered by bUnit over the real services of a test portal, signed in as the demo staff member.</summary>
public sealed class StaffPagesTests() : StaffPageSuite(
    typeof(ServiceAdminService), typeof(AppointmentsService), typeof(CatalogService), typeof(WebhookAdminService), typeof(BookingPortal.Features.Approval.BookingApprovals),
    typeof(FrontDeskService), typeof(CancellationService), typeof(BookingPortal.Features.Questions.QuestionBook), typeof(TimeProvider),
    typeof(SlotCalendarService), typeof(SlotCapacityService), typeof(BookingPortal.Features.Questions.QuestionEditor))
{
    [Fact]
    public async Task The_webhook_form_refuses_a_private_address_beside_the_url_field_and_registers_nothing()
    {
        var form = context.Render<WebhookEndpointForm>();

        await form.Find("input[type=url]").ChangeAsync(new() { Value = "https://10.0.0.7/hooks" });
        await form.FindAll("button").First(b => b.TextContent.Contains("Add endpoint")).ClickAsync(new());

        form.WaitForAssertion(() => form.FindAll(".mud-input-error").Select(e => e.TextContent).Should()
            .Contain(t => t.Contains("loopback, private or link-local")));
        form.Find("[role=alert]").TextContent.Should().Be("Choose at least one event from the list.");
        (await factory.Get<WebhookAdminService>().ListAsync(await factory.StaffAsync())).Should().BeEmpty();
    }

    [Fact]
    public async Task A_request_is_declined_from_the_panel_only_with_a_reason_beside_the_field_and_approved_with_one_click()
    {
        var (service, slots) = await Integration.Approval.ApprovalTestSupport.ApprovalServiceAsync(factory);
        var request = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var panel = context.Render<BookingPortal.Features.Approval.Components.ApprovalRequestsPanel>();
        panel.WaitForAssertion(() => panel.Find("[data-testid=approval-requests]").TextContent.Should().Contain(request.ConfirmationNumber));

        await panel.Find("button[data-testid=decline]").ClickAsync(new());
        panel.WaitForAssertion(() => panel.FindAll(".mud-input-error").Select(e => e.TextContent).Should().Contain(t => t.Contains("Tell the customer why")));
        (await Integration.Approval.ApprovalTestSupport.ReadAsync(factory, request.Id)).Status.Should().Be(BookingStatus.AwaitingApproval);

        await panel.Find("button[data-testid=approve]").ClickAsync(new());
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=approval-requests]").Should().BeEmpty());
        (await Integration.Approval.ApprovalTestSupport.ReadAsync(factory, request.Id)).Status.Should().Be(BookingStatus.Confirmed);
    }

    [Fact]
    public void The_service_form_shows_each_validation_message_beside_its_field()
    {
        var errors = new Dictionary<string, string>
        {
            ["Name"] = "Give the service a name.",
            ["DurationMinutes"] = "The duration must be between 1 minute and 24 hours.",
            ["Price"] = "The price cannot be negative.",
            ["DepositAmount"] = "The deposit cannot be more than the price.",
            ["TimeZoneId"] = "Choose a time zone such as America/New_York.",
            ["MinAdvanceBookingHours"] = "The minimum notice must be shorter than how far ahead bookings open.",
            ["Address"] = "Give the address customers come to.",
            ["AvailableDays"] = "Choose at least one day.",
            ["BufferBeforeMinutes"] = "The buffer before must be between 0 and 720 minutes.",
            ["BufferAfterMinutes"] = "The buffer after must be between 0 and 720 minutes.",
            ["ChangesAllowedUntilHours"] = "Changes must close at least 48 hours before the start, when free cancellation ends: a move inside the fee window would let a customer dodge the late-cancellation fee.",
        };

        var fields = context.Render<ServiceFields>(p => p.Add(x => x.Service, ServiceAdminService.NewDraft()).Add(x => x.Errors, errors));

        var shown = fields.FindAll(".mud-input-error, [role=alert]").Select(e => e.TextContent.Trim()).ToList();
        shown.Should().Contain(errors.Values);
    }

    [Fact]
    public async Task Removing_a_slot_after_a_failed_save_takes_its_error_with_it_and_leaves_the_others_beside_their_slots()
    {
        var service = ServiceAdminService.NewDraft();
        service.TimeSlots = [new() { Start = new(9, 0) }, new() { Start = new(10, 0) }, new() { Start = new(11, 0) }];
        var errors = new Dictionary<string, string> { ["TimeSlots[0].End"] = "First slot's end.", ["TimeSlots[2].Capacity"] = "Third slot's seats." };
        var editor = context.Render<SlotTemplatesEditor>(p => p.Add(x => x.Service, service).Add(x => x.Errors, errors));

        await editor.Find("button[aria-label='Remove slot 1']").ClickAsync(new());

        editor.FindAll("[data-testid=slot-row]").Select(row => row.TextContent).Should().SatisfyRespectively(
            second => second.Should().NotContain("slot's"),
            third => third.Should().Contain("Third slot's seats.").And.NotContain("First slot's end."));
    }

    [Fact]
    public void While_a_save_checks_the_slots_none_can_be_added_or_removed()
    {
        var service = ServiceAdminService.NewDraft();
        service.TimeSlots = [new() { Start = new(9, 0) }];

        var editor = context.Render<SlotTemplatesEditor>(p => p.Add(x => x.Service, service).Add(x => x.Saving, true));

        editor.Find("button[aria-label='Remove slot 1']").HasAttribute("disabled").Should().BeTrue();
        editor.FindAll("button").Single(b => b.TextContent.Contains("Add a slot")).HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public async Task Saving_a_new_service_with_missing_fields_shows_the_servers_messages_and_saves_nothing()
    {
        var page = context.Render<ServiceEditPage>();

        await page.Find("form").SubmitAsync();

        page.Find("[data-testid=service-errors]").TextContent.Should().StartWith("Nothing was saved:");
        page.FindAll(".mud-input-error").Select(e => e.TextContent.Trim()).Should().Contain(["Give the service a name.", "Give the address customers come to."]);
        (await factory.Get<CatalogService>().ListServicesAsync()).Should().HaveCount(DemoSeeder.DemoServices().Count());
    }

    [Fact]
    public async Task A_double_submitted_new_service_is_created_once_and_its_button_stays_disabled()
    {
        var page = context.Render<ServiceEditPage>();
        await Field(page, "Name").ChangeAsync(new() { Value = "Double-click clinic" });
        await Field(page, "Address").ChangeAsync(new() { Value = "1 Main Street" });
        await Field(page, "Price").ChangeAsync(new() { Value = "80" });
        var form = page.Find("form");
        staffDatabase.Hold();

        // A double click: the second submit arrives while the first is still saving; a third once it has
        // saved, before the page has become the new service's edit page.
        var first = form.SubmitAsync();
        var second = form.SubmitAsync();
        staffDatabase.Release();
        await Task.WhenAll(first, second);
        await form.SubmitAsync();

        page.FindAll("[data-testid=service-errors]").Select(e => e.TextContent).Should().BeEmpty();
        page.FindAll("button[type=submit]").Single().HasAttribute("disabled").Should().BeTrue("the page moves on to the new service's edit page");
        (await factory.Get<CatalogService>().ListServicesAsync()).Count(s => s.Name == "Double-click clinic").Should().Be(1);
    }

    [Fact]
    public async Task A_double_clicked_plus_one_seat_adds_one_seat()
    {
        var page = context.Render<SlotsPage>();
        page.WaitForAssertion(() => page.FindAll("button[aria-label^='+1 seat for']").Should().NotBeEmpty());
        staffDatabase.Hold();

        // The second click arrives while the first is still saving.
        var clicks = await DoubleClick.StartAsync(page, () => page.FindAll("button[aria-label^='+1 seat for']")[0]);
        staffDatabase.Release();
        await clicks;

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.CountAsync(a => a.Action == "slot.seats_added")).Should().Be(1);
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<ServiceEditPage> page, string label) =>
        page.Find($"#{page.FindAll("label").First(l => l.TextContent.Trim() == label).GetAttribute("for")}");

    [Fact]
    public async Task The_appointments_grid_asks_the_server_for_the_page_and_the_sort_the_staff_member_chose()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        foreach (var (slot, customer) in slots.Take(3).Zip(await factory.CreateCustomersAsync(3)))
        {
            await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "k"));
        }

        var page = context.Render<AppointmentsPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=appointments-grid] tbody tr").Should().HaveCount(3));
        page.Instance.LastQuery.Should().Be(new AppointmentQuery(Take: 25));

        var customerHeader = page.FindAll("th").First(th => th.TextContent.Contains("Customer"));
        await customerHeader.QuerySelector(".sortable-column-header")!.ClickAsync(new());
        page.WaitForAssertion(() => page.Instance.LastQuery!.SortBy.Should().Be(AppointmentSort.Customer));
        page.Instance.LastQuery!.Descending.Should().BeFalse();
        var names = page.FindAll("[data-testid=appointments-grid] tbody tr td:nth-child(3)").Select(td => td.TextContent).ToList();
        names.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_customer_link_opens_the_appointments_already_searched_for_that_customer()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var customers = await factory.CreateCustomersAsync(2);
        foreach (var (slot, customer) in slots.Take(2).Zip(customers))
        {
            (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "k"))).Succeeded.Should().BeTrue();
        }

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var email = await db.Users.Where(u => u.Id == customers[0]).Select(u => u.Email!).SingleAsync();
        // The address the Customers page links to.
        context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>()
            .NavigateTo($"admin/appointments?search={Uri.EscapeDataString(email)}");

        var page = context.Render<AppointmentsPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=appointments-grid] tbody tr").Should().HaveCount(1));
        page.Instance.LastQuery!.Search.Should().Be(email);
    }

    [Fact]
    public async Task Cancelling_from_the_appointment_page_shows_the_customers_terms_first_and_keeping_it_changes_nothing()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<AppointmentDetailPage>(p => p.Add(x => x.Number, booking.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("[data-testid=appointment-status]"));

        // The page waits for the dialog's answer, so the click ends when the dialog does.
        var click = page.FindAll("button").Single(b => b.TextContent.Contains("Cancel for the customer")).ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=cancel-terms]").TextContent.Should().Contain("deposit"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep booking").ClickAsync(new());
        await click;

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(booking.Status);
    }

    [Fact]
    public void The_grid_state_becomes_a_server_query_with_the_filters()
    {
        var filters = new AppointmentFilters { ServiceId = 3, Status = BookingStatus.NoShow, Search = "ana", From = new DateTime(2026, 3, 1) };
        var state = new GridState<AppointmentRow>
        {
            Page = 2,
            PageSize = 50,
            SortDefinitions = [new SortDefinition<AppointmentRow>(nameof(AppointmentRow.CreatedAtUtc), Descending: true, Index: 0, SortFunc: r => r.CreatedAtUtc)],
        };

        var query = filters.ToQuery(state);

        query.Should().Be(new AppointmentQuery(new DateOnly(2026, 3, 1), null, 3, BookingStatus.NoShow, "ana", AppointmentSort.Created, Descending: true, Skip: 100, Take: 50));
        filters.ExportLink().Should().Be("admin/appointments.csv?from=2026-03-01&serviceId=3&status=NoShow&search=ana");
    }
}
