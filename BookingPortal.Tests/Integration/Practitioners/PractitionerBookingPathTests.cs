using BookingPortal.Features.Consistency;

namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>Booking, moving, cancelling and reassigning a practitioner's appointments, and the consistency check's view of them.</summary>
public class PractitionerBookingPathTests : PortalSuite
{
    /// <summary>Checking in completes the booking at arrival; the practitioner is still with that customer until the end.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_checked_in_appointment_still_occupies_its_practitioner(bool checkedIn)
    {
        var physio = PractitionerSetup.PhysioAtHalfPastTen();
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5), physio], s => [PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var morning = PractitionerSetup.SlotStart(factory, services[0]);
        var customers = await factory.CreateCustomersAsync(2);
        var bookings = factory.Get<BookingService>();
        var massage = (await bookings.ReserveAsync(new ReserveRequest(customers[0], services[0].Id, morning, "a", PractitionerId: p[0].Id))).Booking!;

        // The customer arrives five minutes early and is checked in; at 10:05 someone asks for physio with Ben at 10:30.
        factory.Clock.SetUtcNow(new DateTimeOffset(morning.AddMinutes(-5), TimeSpan.Zero));
        if (checkedIn)
        {
            (await factory.Get<FrontDeskService>().CheckInAsync(await factory.StaffAsync(), massage.Id)).Should().BeTrue();
        }

        factory.Clock.SetUtcNow(new DateTimeOffset(morning.AddMinutes(5), TimeSpan.Zero));
        var overlapping = await bookings.ReserveAsync(new ReserveRequest(customers[1], services[1].Id, morning.AddMinutes(30), "b", PractitionerId: p[0].Id));

        overlapping.Error.Should().Be(BookingError.PractitionerUnavailable, "Ben is with the massage customer until 11:00");
    }

    [Fact]
    public async Task Moves_keep_the_practitioner_unless_another_is_asked_and_cancelling_frees_them()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5), PractitionerSetup.Service("Physio", 30, 5)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var (morning, afternoon) = (PractitionerSetup.SlotStart(factory, services[0]), PractitionerSetup.SlotStart(factory, services[0], afternoon: true));
        var customers = await factory.CreateCustomersAsync(3);
        var bookings = factory.Get<BookingService>();
        var withBen = (await bookings.ReserveAsync(new ReserveRequest(customers[0], services[0].Id, morning, "a", PractitionerId: p[1].Id))).Booking!;
        var benBusy = await bookings.ReserveAsync(new ReserveRequest(customers[1], services[1].Id, afternoon, "b", PractitionerId: p[1].Id));

        var toBusyBen = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(withBen.ConfirmationNumber, customers[0], false, afternoon));
        var toAna = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(withBen.ConfirmationNumber, customers[0], false, afternoon, p[0].Id));
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(benBusy.Booking!.ConfirmationNumber, customers[1], false));
        var afterCancel = await bookings.ReserveAsync(new ReserveRequest(customers[2], services[0].Id, afternoon, "c", PractitionerId: p[1].Id));

        withBen.PractitionerId.Should().Be(p[1].Id);
        benBusy.Succeeded.Should().BeTrue(benBusy.Message);
        toBusyBen.Error.Should().Be(BookingError.PractitionerUnavailable, "the move keeps Ben, who is giving physio then");
        toAna.Booking!.PractitionerId.Should().Be(p[0].Id);
        afterCancel.Booking!.PractitionerId.Should().Be(p[1].Id, "the cancelled appointment no longer holds Ben");
    }

    [Fact]
    public async Task A_class_fills_each_practitioners_seats_one_booking_at_a_time_and_a_move_does_not_count_itself()
    {
        var yoga = PractitionerSetup.Service("Yoga", 60, 4);
        yoga.SeatsPerPractitioner = 2;
        var (services, p) = await PractitionerSetup.AddAsync(factory, [yoga], s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var (morning, afternoon) = (PractitionerSetup.SlotStart(factory, services[0]), PractitionerSetup.SlotStart(factory, services[0], afternoon: true));
        var customers = await factory.CreateCustomersAsync(6);
        var bookings = factory.Get<BookingService>();

        var withAna = new List<ReserveResult>();
        for (var i = 0; i < 3; i++)
        {
            withAna.Add(await bookings.ReserveAsync(new ReserveRequest(customers[i], services[0].Id, morning, $"ana-{i}", PractitionerId: p[0].Id)));
        }

        var anyTwice = new[] { 3, 4 }.Select(i => bookings.ReserveAsync(new ReserveRequest(customers[i], services[0].Id, morning, $"any-{i}"))).ToList();
        var any = await Task.WhenAll(anyTwice);
        var moved = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(withAna[0].Booking!.ConfirmationNumber, customers[0], false, afternoon));
        var back = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(withAna[0].Booking!.ConfirmationNumber, customers[0], false, morning));

        withAna.Select(r => r.Error).Should().Equal(null, null, BookingError.PractitionerUnavailable);
        any.Select(r => r.Booking?.PractitionerId).Should().Equal(p[1].Id, p[1].Id);
        moved.Booking!.PractitionerId.Should().Be(p[0].Id);
        back.Booking!.PractitionerId.Should().Be(p[0].Id, "its own seat of Ana's class was the one the move freed");
        (await bookings.ReserveAsync(new ReserveRequest(customers[5], services[0].Id, morning, "last"))).Error.Should().NotBeNull("both classes are full");
    }

    [Fact]
    public async Task Time_off_and_busy_time_make_a_practitioner_unavailable_while_any_available_finds_the_other()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var start = PractitionerSetup.SlotStart(factory, services[0]);
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start, services[0].TimeZone));
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            db.AvailabilityExceptions.Add(new AvailabilityException
            {
                PractitionerId = p[0].Id, Kind = AvailabilityExceptionKind.TimeOff, Reason = "Holiday",
                StartLocal = localDay.ToDateTime(TimeOnly.MinValue), EndLocal = localDay.AddDays(7).ToDateTime(TimeOnly.MinValue),
            });
            db.PractitionerBusyPeriods.Add(new PractitionerBusyPeriod { PractitionerId = p[1].Id, StartUtc = start.AddHours(4), EndUtc = start.AddHours(5), Source = "test" });
            await db.SaveChangesAsync();
        }

        var customers = await factory.CreateCustomersAsync(3);
        var bookings = factory.Get<BookingService>();
        var catalog = factory.Get<CatalogService>();

        (await catalog.GetSlotsAsync(services[0], localDay, localDay)).Select(s => s.Remaining).Should().Equal(1, 0);
        (await catalog.GetSlotsAsync(services[0], localDay, localDay, practitionerId: p[0].Id)).Select(s => s.Remaining).Should().Equal(0, 0);
        (await bookings.ReserveAsync(new ReserveRequest(customers[0], services[0].Id, start, "a", PractitionerId: p[0].Id))).Error.Should().Be(BookingError.PractitionerUnavailable);
        (await bookings.ReserveAsync(new ReserveRequest(customers[1], services[0].Id, start, "b"))).Booking!.PractitionerId.Should().Be(p[1].Id);
        (await bookings.ReserveAsync(new ReserveRequest(customers[2], services[0].Id, start.AddHours(4), "c"))).Error.Should().Be(BookingError.PractitionerUnavailable);
    }

    [Fact]
    public async Task Staff_reassign_to_a_free_practitioner_and_are_told_why_not_otherwise()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5), PractitionerSetup.Service("Physio", 30, 5)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s), PractitionerSetup.WorkingEveryDay("Cy", s[1])]);
        var start = PractitionerSetup.SlotStart(factory, services[0]);
        var customers = await factory.CreateCustomersAsync(2);
        var withAna = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customers[0], services[0].Id, start, "a", PractitionerId: p[0].Id))).Booking!;
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customers[1], services[1].Id, start, "b", PractitionerId: p[1].Id))).Succeeded.Should().BeTrue();
        var reassignment = factory.Get<PractitionerReassignment>();
        var toldInTransaction = 0;

        (await reassignment.ReassignAsync(withAna.Id, p[1].Id)).Should().Be(ReassignmentOutcome.PractitionerUnavailable, "Ben gives physio in the first half hour");
        (await reassignment.ReassignAsync(withAna.Id, p[2].Id)).Should().Be(ReassignmentOutcome.NotPerformedByPractitioner);
        (await reassignment.ReassignAsync(withAna.Id, p[0].Id)).Should().Be(ReassignmentOutcome.AlreadyTheirs);
        (await reassignment.ReassignAsync(Guid.NewGuid(), p[1].Id)).Should().Be(ReassignmentOutcome.BookingNotFound);
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest((await PractitionerRaceTests.ActiveAsync(factory)).Single(b => b.ServiceId == services[1].Id).ConfirmationNumber, customers[1], false));
        (await reassignment.ReassignAsync(withAna.Id, p[1].Id, alsoInTransaction: (_, b) => { toldInTransaction = b.PractitionerId!.Value; return Task.CompletedTask; }))
            .Should().Be(ReassignmentOutcome.Reassigned);

        toldInTransaction.Should().Be(p[1].Id);
        (await PractitionerRaceTests.ActiveAsync(factory)).Single().PractitionerId.Should().Be(p[1].Id);
    }

    [Fact]
    public async Task A_move_that_read_the_booking_before_staff_reassigned_it_keeps_the_practitioner_staff_chose()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var (morning, afternoon) = (PractitionerSetup.SlotStart(factory, services[0]), PractitionerSetup.SlotStart(factory, services[0], afternoon: true));
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var withAna = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, services[0].Id, morning, "a", PractitionerId: p[0].Id))).Booking!;
        // Ana goes on leave: staff give the booking to Ben just after the customer's move read it with Ana.
        factory.Transactions.BeforeNext(async () =>
            (await factory.Get<PractitionerReassignment>().ReassignAsync(withAna.Id, p[1].Id)).Should().Be(ReassignmentOutcome.Reassigned));

        var moved = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(withAna.ConfirmationNumber, customer, false, afternoon));

        factory.Transactions.Fired.Should().Be(1, "the reassignment landed between the move's read and its transaction");
        moved.Booking!.StartUtc.Should().Be(afternoon);
        moved.Booking.PractitionerId.Should().Be(p[1].Id, "the move keeps the booking's practitioner, who is Ben by then, not the Ana it first read");
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    [Fact]
    public async Task The_consistency_check_is_silent_on_the_booking_paths_and_names_an_overlap_written_around_them()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 5), PractitionerSetup.Service("Physio", 30, 5, before: 10)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var start = PractitionerSetup.SlotStart(factory, services[0]);
        foreach (var (customer, i) in (await factory.CreateCustomersAsync(3)).Select((c, i) => (c, i)))
        {
            (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, services[i % 2].Id, start, "x"))).Succeeded.Should().Be(i < 2);
        }

        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Bookings.Where(b => b.ServiceId == services[1].Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.PractitionerId, p[0].Id).SetProperty(x => x.StartUtc, start.AddMinutes(60)).SetProperty(x => x.EndUtc, start.AddMinutes(90)));
            await db.Bookings.Where(b => b.ServiceId == services[0].Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.PractitionerId, p[0].Id));
        }

        var report = await factory.Get<ConsistencyCheck>().RunAsync();
        report.Violations.Should().ContainSingle(v => v.Invariant == ConsistencyInvariants.OnePersonOnePlace)
            .Which.Ids.Should().Contain($"practitioner:{p[0].Id}", "physio's 10 minutes before clash with the massage ending at its start");
    }
}

/// <summary>The same paths on PostgreSQL, where the locks and the consistency check's queries are the server's.</summary>
public class PractitionerBookingPathOnPostgresTests : PractitionerBookingPathTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
