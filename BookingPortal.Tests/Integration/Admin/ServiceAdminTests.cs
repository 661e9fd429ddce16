using BookingPortal.Features.Releases;

namespace BookingPortal.Tests.Integration.Admin;

public class ServiceAdminTests : PortalSuite
{
    [Fact]
    public async Task Every_broken_rule_is_named_beside_its_field_and_nothing_is_saved()
    {
        var draft = ServiceAdminService.NewDraft();
        draft.Name = " ";
        draft.DurationMinutes = 0;
        draft.Price = 40m;
        draft.DepositAmount = 50m;
        draft.TimeZoneId = "Mars/Olympus";
        draft.MinAdvanceBookingHours = 24 * 31;
        draft.MaxAdvanceBookingDays = 30;
        draft.Address = "";
        draft.TimeSlots =
        [
            new TimeSlotTemplate { Days = DaysOfWeekMask.Weekdays, Start = new TimeOnly(9, 0), End = new TimeOnly(10, 0), Capacity = 0 },
            new TimeSlotTemplate { Days = DaysOfWeekMask.Monday, Start = new TimeOnly(9, 30), End = new TimeOnly(10, 30), Capacity = 1 },
            new TimeSlotTemplate { Days = DaysOfWeekMask.Monday, Start = new TimeOnly(12, 0), End = new TimeOnly(11, 0), Capacity = 1 },
        ];

        var result = await factory.Get<ServiceAdminService>().SaveAsync(await factory.StaffAsync(), draft);

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Field).Should().Contain(
        [
            "Name", "DurationMinutes", "DepositAmount", "TimeZoneId", "MinAdvanceBookingHours", "Address",
            "TimeSlots[0].Capacity", "TimeSlots[1].Start", "TimeSlots[2].End",
        ]);
        result.Errors.Single(e => e.Field == "DepositAmount").Message.Should().Be("The deposit cannot be more than the price.");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Services.CountAsync()).Should().Be(DemoSeeder.DemoServices().Count(), "only the demo services exist");
    }

    [Fact]
    public async Task A_new_service_is_bookable_and_archiving_takes_it_out_of_the_catalogue()
    {
        var staff = await factory.StaffAsync();
        var admin = factory.Get<ServiceAdminService>();
        var draft = ServiceAdminService.NewDraft();
        draft.Name = "Hearing test";
        draft.Price = 80m;
        draft.Address = "1 Main Street";

        var created = await admin.SaveAsync(staff, draft);

        created.Succeeded.Should().BeTrue(created.Message);
        var service = await factory.ServiceNamedAsync("Hearing test");
        (await factory.BookableSlotsAsync(service)).Should().NotBeEmpty();
        await admin.SetArchivedAsync(staff, service.Id, archived: true);
        (await factory.Get<CatalogService>().ListServicesAsync()).Select(s => s.Name).Should().NotContain("Hearing test");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.Where(a => a.Subject == $"service {service.Id}").Select(a => a.Action).ToListAsync())
            .Should().Equal("service.created", "service.archived");
    }

    [Fact]
    public async Task Cutting_capacity_below_the_seats_booked_is_refused_with_the_bookings_named()
    {
        var (service, slot, booked) = await BookTwoSeatsAsync(factory);
        var admin = factory.Get<ServiceAdminService>();
        var draft = (await admin.GetDraftAsync(await factory.StaffAsync(), service.Id))!;
        var template = draft.TimeSlots.Single(t => t.Start == TimeOnly.FromDateTime(slot.LocalStart.DateTime));
        template.Capacity = 1;

        var result = await admin.SaveAsync(await factory.StaffAsync(), draft);

        result.Succeeded.Should().BeFalse();
        var message = result.Errors.Single(e => e.Field == "TimeSlots").Message;
        message.Should().Contain("already has 2 seat(s) booked").And.Contain(booked[0]).And.Contain(booked[1]);
        (await factory.ServiceNamedAsync(service.Name)).TimeSlots.Single(t => t.Id == template.Id).Capacity.Should().Be(5, "nothing was saved");
    }

    [Fact]
    public async Task Removing_a_slot_that_has_bookings_is_refused_but_raising_capacity_offers_the_new_seats_to_the_waitlist()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var (service, slot, booked) = await BookTwoSeatsAsync(factory);
        var staff = await factory.StaffAsync();
        var admin = factory.Get<ServiceAdminService>();
        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        var start = TimeOnly.FromDateTime(slot.LocalStart.DateTime);
        draft.TimeSlots.RemoveAll(t => t.Start == start);

        var removal = await admin.SaveAsync(staff, draft);

        removal.Succeeded.Should().BeFalse();
        removal.Errors.Single().Message.Should().StartWith("These upcoming bookings would lose their slot:").And.Contain(booked[0]);

        // Fill the slot, put someone on its waitlist, then raise the template's capacity by one.
        foreach (var customer in await factory.CreateCustomersAsync(3))
        {
            (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "fill"))).Succeeded.Should().BeTrue();
        }

        var waiting = (await factory.CreateCustomersAsync(1))[0];
        (await factory.Get<WaitlistJoining>().JoinAsync(waiting, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc)).Outcome
            .Should().Be(JoinWaitlistOutcome.Joined);
        draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.TimeSlots.Single(t => t.Start == start).Capacity = 6;

        var raised = await admin.SaveAsync(staff, draft);

        raised.Succeeded.Should().BeTrue(raised.Message);
        (await factory.Get<WaitlistService>().ListForCustomerAsync(waiting)).Single().Status.Should().Be(WaitlistStatus.Offered);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var counter = await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc);
        (counter.Capacity, counter.Booked).Should().Be((6, 6), "the new seat is held for the waitlist offer");
    }

    [Fact]
    public async Task The_time_zone_cannot_move_under_upcoming_bookings()
    {
        var (service, _, _) = await BookTwoSeatsAsync(factory);
        var admin = factory.Get<ServiceAdminService>();
        var draft = (await admin.GetDraftAsync(await factory.StaffAsync(), service.Id))!;
        draft.TimeZoneId = "Europe/Berlin";

        var result = await admin.SaveAsync(await factory.StaffAsync(), draft);

        result.Errors.Should().ContainSingle(e => e.Field == "TimeZoneId");
    }

    [Fact]
    public async Task A_release_keeps_its_wall_time_when_its_service_moves_to_another_time_zone()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var draft = (await admin.GetDraftAsync(staff, clinic.Id))!;
        draft.TimeZoneId = "America/Chicago";

        (await admin.SaveAsync(staff, draft)).Succeeded.Should().BeTrue();

        var release = (await factory.Get<ReleaseService>().GetAsync(staff, clinic.Id))!;
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var fires = (await factory.Get<ReleaseScheduler>().NextFireTimeAsync(release.Id))!.Value;
        fires.UtcDateTime.Should().Be(ReleaseSchedule.NextOpening(release, chicago, factory.Clock.GetUtcNow().UtcDateTime), "the trigger fires when customers' countdown ends");
        TimeZoneInfo.ConvertTime(fires, chicago).Hour.Should().Be(9);
    }

    [Fact]
    public async Task A_change_cutoff_inside_the_free_cancellation_window_is_refused_beside_its_field_and_not_saved()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var admin = factory.Get<ServiceAdminService>();
        var draft = (await admin.GetDraftAsync(await factory.StaffAsync(), service.Id))!;
        draft.ChangesAllowedUntilHours = 24;

        var refused = await admin.SaveAsync(await factory.StaffAsync(), draft);
        draft.ChangesAllowedUntilHours = 72;
        var saved = await admin.SaveAsync(await factory.StaffAsync(), draft);

        refused.Errors.Should().ContainSingle().Which.Should().Be(new FieldError(nameof(Service.ChangesAllowedUntilHours),
            "Changes must close at least 48 hours before the start, when free cancellation ends: a move inside the fee window would let a customer dodge the late-cancellation fee."));
        saved.Succeeded.Should().BeTrue(saved.Message);
        (await factory.ServiceNamedAsync(DemoSeeder.ConsultationName)).ChangesAllowedUntilHours.Should().Be(72);
    }

    [Fact]
    public async Task A_name_another_service_holds_is_refused_beside_the_name_on_create_and_on_update()
    {
        var staff = await factory.StaffAsync();
        var admin = factory.Get<ServiceAdminService>();
        var other = await factory.SimpleConsultationAsync();
        var copy = NamedDraft(" " + DemoSeeder.ConsultationName + " ");

        var created = await admin.SaveAsync(staff, copy);
        var renamed = (await admin.GetDraftAsync(staff, other.Id))!;
        renamed.Name = DemoSeeder.ConsultationName;
        var updated = await admin.SaveAsync(staff, renamed);

        created.Errors.Should().ContainSingle().Which.Field.Should().Be(nameof(Service.Name));
        updated.Errors.Should().ContainSingle().Which.Field.Should().Be(nameof(Service.Name));
        created.Message.Should().Contain("Another service is already called");
        (await factory.ServiceNamedAsync(other.Name)).Id.Should().Be(other.Id, "the rename was not saved");
    }

    [Fact]
    public async Task Staff_creating_the_same_name_at_once_get_one_service_and_a_name_error_for_the_rest()
    {
        var staff = await factory.StaffAsync();
        var admin = factory.Get<ServiceAdminService>();

        var results = await Race.AllAtOnceAsync(Enumerable.Range(0, 4)
            .Select(_ => (Func<Task<SaveServiceResult>>)(() => admin.SaveAsync(staff, NamedDraft("Twin clinic")))));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).SelectMany(r => r.Errors).Select(e => e.Field).Should().AllBe(nameof(Service.Name));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Services.CountAsync(s => s.Name == "Twin clinic")).Should().Be(1);
    }

    private static Service NamedDraft(string name)
    {
        var draft = ServiceAdminService.NewDraft();
        draft.Name = name;
        draft.Price = 80m;
        draft.Address = "1 Main Street";
        return draft;
    }

    internal static async Task<(Service Service, SlotAvailability Slot, string[] Booked)> BookTwoSeatsAsync(PortalFactory factory)
    {
        var service = await factory.SimpleConsultationAsync();
        var slot = (await factory.BookableSlotsAsync(service))[0];
        var booked = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            booked.Add((await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc)).ConfirmationNumber);
        }

        return (service, slot, booked.ToArray());
    }
}
