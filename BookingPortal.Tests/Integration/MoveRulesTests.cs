namespace BookingPortal.Tests.Integration;

/// <summary>
/// A move is a booking (DESIGN.md §4): the change cutoff, the no-show limit and the waiting-room turn
/// hold for a customer's move, and staff acting for the customer at the desk may move past the first
/// and skip the others. Each test has its own portal, as they move its clock.
/// </summary>
public class MoveRulesTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task A_customer_may_move_until_the_cutoff_instant_and_not_one_tick_later_but_staff_still_can()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var staff = await factory.StaffAsync();
        var bookings = factory.Get<BookingMover>();
        // Later slots stay inside the booking window from both instants below.
        var (laterA, laterB) = (slots[4].StartUtc, slots[5].StartUtc);

        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-48).AddTicks(1), TimeSpan.Zero));
        var tooLate = await bookings.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, laterA));
        var byStaff = await bookings.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, staff.Id, true, laterA));

        tooLate.Error.Should().Be(BookingError.ChangeWindowClosed);
        tooLate.Message.Should().Be("Bookings can be moved online until 48 hours before the start. Please contact reception to change this one.");
        byStaff.Succeeded.Should().BeTrue(byStaff.Message);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            (await db.AuditEntries.CountAsync(a => a.Action == "booking.moved_by_staff" && a.Subject == booking.ConfirmationNumber)).Should().Be(1);
        }

        factory.Clock.SetUtcNow(new DateTimeOffset(laterA.AddHours(-48), TimeSpan.Zero));
        var atTheCutoff = await bookings.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, laterB));

        atTheCutoff.Succeeded.Should().BeTrue(atTheCutoff.Message);
        atTheCutoff.Booking!.StartUtc.Should().Be(laterB);
    }

    [Fact]
    public async Task A_refused_move_changes_nothing()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-47), TimeSpan.Zero));

        var result = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, slots[4].StartUtc));

        result.Error.Should().Be(BookingError.ChangeWindowClosed);
        (await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, booking.CustomerId, false))!.StartUtc.Should().Be(booking.StartUtc);
        (await BookedAsync(service.Id, booking.StartUtc, slots[4].StartUtc)).Should().Equal(1, 0);
    }

    [Fact]
    public async Task A_customer_on_the_no_show_limit_cannot_move_online_and_staff_can_move_for_them()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == booking.CustomerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.NoShowLimit, 2).SetProperty(x => x.NoShowCount, 2));
        }

        var bookings = factory.Get<BookingMover>();
        var online = await bookings.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, slots[3].StartUtc));
        var atTheDesk = await bookings.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, (await factory.StaffAsync()).Id, true, slots[3].StartUtc));

        online.Error.Should().Be(BookingError.NeedsStaffHelp);
        atTheDesk.Succeeded.Should().BeTrue(atTheDesk.Message);
        (await BookedAsync(service.Id, slots[0].StartUtc, slots[3].StartUtc)).Should().Equal(0, 1);
    }

    [Fact]
    public async Task A_move_in_a_service_sold_through_the_waiting_room_needs_an_admitted_turn_and_uses_it_up_staff_need_none()
    {
        var (clinic, customer, slots, booking) = await BookedAtTheClinicOpeningAsync();
        var queue = factory.Get<QueueService>();
        var mover = factory.Get<BookingMover>();

        var withoutTurn = await mover.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, customer, false, slots[1].StartUtc));
        await AdmitAsync(queue, clinic.Id, customer);
        var withTurn = await mover.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, customer, false, slots[1].StartUtc));
        var turnAfterwards = (await queue.GetStateAsync(clinic.Id, customer)).Stage;
        var secondWithoutTurn = await mover.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, customer, false, slots[2].StartUtc));
        var byStaff = await mover.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, (await factory.StaffAsync()).Id, true, slots[2].StartUtc));

        withoutTurn.Error.Should().Be(BookingError.NotAdmitted, "the booking used the first turn");
        withTurn.Succeeded.Should().BeTrue(withTurn.Message);
        turnAfterwards.Should().Be(QueueStage.Finished, "the move used the turn up");
        secondWithoutTurn.Error.Should().Be(BookingError.NotAdmitted);
        byStaff.Succeeded.Should().BeTrue(byStaff.Message);
        (await BookedAsync(clinic.Id, slots[0].StartUtc, slots[1].StartUtc, slots[2].StartUtc)).Should().Equal(0, 0, 1);
    }

    [Fact]
    public async Task A_move_refused_for_a_full_slot_gives_the_turn_back()
    {
        var (clinic, customer, slots, booking) = await BookedAtTheClinicOpeningAsync();
        var queue = factory.Get<QueueService>();
        var staff = await factory.StaffAsync();
        foreach (var other in await factory.CreateCustomersAsync(2))
        {
            (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(other, clinic.Id, slots[1].StartUtc, "desk", staff.Id))).Succeeded.Should().BeTrue();
        }

        await AdmitAsync(queue, clinic.Id, customer);
        var full = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, customer, false, slots[1].StartUtc));

        full.Error.Should().Be(BookingError.SlotFull);
        (await queue.GetStateAsync(clinic.Id, customer)).Stage.Should().Be(QueueStage.Admitted, "the turn is used only by a move that happens");
    }

    [Fact]
    public async Task One_turn_moves_one_booking_when_two_moves_race_for_it()
    {
        var (clinic, customer, slots) = await AtTheClinicOpeningAsync();
        var bookings = factory.Get<BookingService>();
        var mover = factory.Get<BookingMover>();
        var staff = await factory.StaffAsync();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Services.Where(s => s.Id == clinic.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.MaxActiveBookingsPerCustomer, 2));
        }

        // Booked at the desk, so the customer's one turn is still to come.
        var first = (await bookings.ReserveAsync(new ReserveRequest(customer, clinic.Id, slots[0].StartUtc, "desk-1", staff.Id))).Booking!;
        var second = (await bookings.ReserveAsync(new ReserveRequest(customer, clinic.Id, slots[1].StartUtc, "desk-2", staff.Id))).Booking!;
        await AdmitAsync(factory.Get<QueueService>(), clinic.Id, customer);

        var results = await Race.AllAtOnceAsync(
        [
            () => mover.RescheduleAsync(new RescheduleRequest(first.ConfirmationNumber, customer, false, slots[2].StartUtc)),
            () => mover.RescheduleAsync(new RescheduleRequest(second.ConfirmationNumber, customer, false, slots[3].StartUtc)),
        ]);

        results.Count(r => r.Succeeded).Should().Be(1, string.Join("; ", results.Select(r => r.Message)));
        results.Single(r => !r.Succeeded).Error.Should().Be(BookingError.NotAdmitted);
        var moved = results.Single(r => r.Succeeded).Booking!;
        var booked = await BookedAsync(clinic.Id, slots[0].StartUtc, slots[1].StartUtc, slots[2].StartUtc, slots[3].StartUtc);
        booked.Sum().Should().Be(2, "each booking holds one seat");
        booked.Should().Equal(moved.ConfirmationNumber == first.ConfirmationNumber ? [0, 1, 1, 0] : [1, 0, 0, 1]);
    }

    /// <summary>
    /// The clock at the demo clinic's weekly release opening (Monday 2 March 2026, 09:00 New York), a new customer,
    /// and the clinic's bookable slots that start after the 48-hour change cutoff.
    /// </summary>
    private async Task<(Service Clinic, string Customer, List<SlotAvailability> Slots)> AtTheClinicOpeningAsync()
    {
        var opening = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(opening);
        var slots = (await factory.BookableSlotsAsync(clinic)).Where(s => s.StartUtc > opening.UtcDateTime.AddHours(48)).ToList();
        return (clinic, customer, slots);
    }

    /// <summary>As <see cref="AtTheClinicOpeningAsync"/>, with the customer admitted and booked (turn used) on the first of the slots.</summary>
    private async Task<(Service Clinic, string Customer, List<SlotAvailability> Slots, BookingView Booking)> BookedAtTheClinicOpeningAsync()
    {
        var (clinic, customer, slots) = await AtTheClinicOpeningAsync();
        await AdmitAsync(factory.Get<QueueService>(), clinic.Id, customer);
        var booked = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, clinic.Id, slots[0].StartUtc, "book"));
        booked.Succeeded.Should().BeTrue(booked.Message);
        return (clinic, customer, slots, booked.Booking!);
    }

    /// <summary>Joins (again, at the back, after a used turn) and lets the admission controller run.</summary>
    private async Task AdmitAsync(QueueService queue, int serviceId, string customer)
    {
        await queue.JoinAsync(serviceId, customer, null);
        await factory.Get<AdmissionController>().TickAllAsync();
        (await queue.GetStateAsync(serviceId, customer)).Stage.Should().Be(QueueStage.Admitted);
    }

    private async Task<IReadOnlyList<int>> BookedAsync(int serviceId, params DateTime[] startsUtc)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var counters = await db.SlotInventories.Where(i => i.ServiceId == serviceId && startsUtc.Contains(i.StartUtc)).ToDictionaryAsync(i => i.StartUtc, i => i.Booked);
        return startsUtc.Select(s => counters.GetValueOrDefault(s)).ToList();
    }
}

public class MoveRulesOnPostgresTests : MoveRulesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
