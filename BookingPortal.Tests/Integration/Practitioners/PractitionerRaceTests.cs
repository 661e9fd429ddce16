using BookingPortal.Features.Consistency;

namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>One person, one place under races: the practitioner's and rooms' row locks, then the overlap check, in the booking's transaction.</summary>
public class PractitionerRaceTests : PortalSuite
{
    [Fact]
    public async Task One_practitioner_booked_for_two_services_at_the_same_minute_gives_exactly_one_appointment()
    {
        var (services, practitioners) = await PractitionerSetup.AddAsync(factory,
            [PractitionerSetup.Service("Massage", 60, 5), PractitionerSetup.Service("Physio", 30, 5, after: 15)],
            s => [PractitionerSetup.WorkingEveryDay("Dana", s)]);
        var start = PractitionerSetup.SlotStart(factory, services[0]);
        var customers = await factory.CreateCustomersAsync(12);

        var results = await Race.AllAtOnceAsync(customers.Select((c, i) => (Func<Task<ReserveResult>>)(() => factory.Get<BookingService>()
            .ReserveAsync(new ReserveRequest(c, services[i % 2].Id, start, "race", PractitionerId: i % 4 < 2 ? practitioners[0].Id : null)))));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Error == BookingError.PractitionerUnavailable);
        var booked = await ActiveAsync(factory);
        booked.Should().ContainSingle().Which.PractitionerId.Should().Be(practitioners[0].Id);
    }

    [Fact]
    public async Task Two_rooms_shared_by_three_practitioners_give_two_appointments_in_different_rooms()
    {
        var (services, _) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Treatment", 30, 10)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s), PractitionerSetup.WorkingEveryDay("Cy", s)]);
        await AddRoomsAsync(factory, services[0], "Room 1", "Room 2");
        var start = PractitionerSetup.SlotStart(factory, services[0]);
        var customers = await factory.CreateCustomersAsync(10);

        var results = await Race.AllAtOnceAsync(customers.Select(c => (Func<Task<ReserveResult>>)(() => factory.Get<BookingService>()
            .ReserveAsync(new ReserveRequest(c, services[0].Id, start, "race")))));

        results.Count(r => r.Succeeded).Should().Be(2);
        var booked = await ActiveAsync(factory);
        booked.Select(b => b.RoomId).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        booked.Select(b => b.PractitionerId).Should().OnlyHaveUniqueItems().And.NotContainNulls();
    }

    [Fact]
    public async Task Any_available_under_a_race_gives_each_practitioner_one_appointment_and_no_more()
    {
        var (services, practitioners) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Checkup", 30, 10)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s), PractitionerSetup.WorkingEveryDay("Cy", s)]);
        var start = PractitionerSetup.SlotStart(factory, services[0]);
        var customers = await factory.CreateCustomersAsync(12);

        var results = await Race.AllAtOnceAsync(customers.Select(c => (Func<Task<ReserveResult>>)(() => factory.Get<BookingService>()
            .ReserveAsync(new ReserveRequest(c, services[0].Id, start, "race")))));

        results.Count(r => r.Succeeded).Should().Be(3);
        (await ActiveAsync(factory)).Select(b => b.PractitionerId).Should().BeEquivalentTo(practitioners.Select(p => (int?)p.Id));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.SlotInventories.SingleAsync(i => i.ServiceId == services[0].Id)).Booked.Should().Be(3, "the slot's counter counts the seats given");
    }

    [Fact]
    public async Task A_move_raced_against_a_reassignment_ends_with_the_practitioner_staff_were_told_of()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var (morning, afternoon) = (PractitionerSetup.SlotStart(factory, services[0]), PractitionerSetup.SlotStart(factory, services[0], afternoon: true));
        for (var round = 0; round < 6; round++)
        {
            var customer = (await factory.CreateCustomersAsync(1))[0];
            var booking = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, services[0].Id, morning, $"r{round}", PractitionerId: p[0].Id))).Booking!;

            var (moved, reassigned) = await Race.BothAtOnceAsync(
                () => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, customer, false, afternoon)),
                () => factory.Get<PractitionerReassignment>().ReassignAsync(booking.Id, p[1].Id));

            moved.Succeeded.Should().BeTrue($"round {round}: {moved.Message}");
            var after = (await ActiveAsync(factory)).Single();
            after.StartUtc.Should().Be(afternoon);
            after.PractitionerId.Should().Be(reassigned == ReassignmentOutcome.Reassigned ? p[1].Id : p[0].Id,
                $"round {round}: a reassignment staff were told of is kept, and one that lost to the move said so ({reassigned})");
            (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
            (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, customer, false))).Succeeded.Should().BeTrue();
        }
    }

    [Fact]
    public async Task Two_staff_saving_the_rota_they_both_opened_keep_one_save_and_the_other_is_told_not_undone_silently()
    {
        var (_, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5)], s => [PractitionerSetup.WorkingEveryDay("Ana", s)]);
        var admin = factory.Get<PractitionerAdminService>();
        var staff = await factory.StaffAsync();
        var opened = (await admin.GetAsync(staff, p[0].Id))!.Hours;
        HoursDraft Range(DayOfWeek day) => new() { Day = day, Start = new(9, 0), End = new(13, 0) };

        var (tuesday, friday) = await Race.BothAtOnceAsync(
            () => admin.SaveHoursAsync(staff, p[0].Id, [Range(DayOfWeek.Tuesday)], opened),
            () => admin.SaveHoursAsync(staff, p[0].Id, [Range(DayOfWeek.Friday)], opened));

        new[] { tuesday, friday }.Count(r => r.Succeeded).Should().Be(1);
        var kept = tuesday.Succeeded ? DayOfWeek.Tuesday : DayOfWeek.Friday;
        (tuesday.Succeeded ? friday : tuesday).Errors.Should().ContainSingle(e => e.Field == "Hours" && e.Message.Contains("Someone else saved these hours"));
        var saved = (await admin.GetAsync(staff, p[0].Id))!.Hours;
        saved.Select(h => h.Day).Should().Equal(kept);
        (await admin.SaveHoursAsync(staff, p[0].Id, [.. saved, Range(DayOfWeek.Monday)], saved)).Succeeded.Should().BeTrue("a save from the rota as saved goes through");
    }

    internal static async Task<List<Booking>> ActiveAsync(PortalFactory factory)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Bookings.AsNoTracking().Where(Booking.HoldsSeat).ToListAsync();
    }

    internal static async Task AddRoomsAsync(PortalFactory factory, Service service, params string[] names)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var rooms = names.Select(n => new Room { Name = n }).ToList();
        db.Rooms.AddRange(rooms);
        await db.SaveChangesAsync();
        db.ServiceRooms.AddRange(rooms.Select(r => new ServiceRoom { ServiceId = service.Id, RoomId = r.Id }));
        await db.SaveChangesAsync();
    }
}

/// <summary>The same races on PostgreSQL, where the row locks are the server's.</summary>
public class PractitionerRaceOnPostgresTests : PractitionerRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
