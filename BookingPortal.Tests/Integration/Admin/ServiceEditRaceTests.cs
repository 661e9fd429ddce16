namespace BookingPortal.Tests.Integration.Admin;

/// <summary>
/// Staff taking a time away from a service while a customer acts on that time: the time's seat counter is closed with
/// it, so nothing lands on a time the service no longer has (the slot calendar could not show it, nor close it, and
/// every later edit of the service would be refused).
/// </summary>
public class ServiceEditRaceTests() : PortalSuite(scheduledJobs: false)
{
    /// <param name="counted">Whether the target time has a seat counter before the move (someone booked it once); without
    /// one, the move creates it from the slots it read, and the edit lands just before.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_move_that_read_the_old_slots_cannot_land_on_a_time_taken_away_meanwhile(bool counted)
    {
        var (service, from, to, booking) = await BookedFirstOfADayAsync();
        var staff = await factory.StaffAsync();
        Func<Task> edit = async () => (await RemoveTimeAsync(service, to, staff)).Succeeded.Should().BeTrue();
        if (counted)
        {
            await factory.Get<SlotInventoryStore>().EnsureAsync(service.Id, SlotSchedule.ForDate(service, DateOnly.FromDateTime(to.LocalStart.DateTime)).Single(o => o.StartUtc == to.StartUtc), CancellationToken.None);
            factory.Transactions.BeforeNext(edit);
        }
        else
        {
            factory.Transactions.BeforeNextCommand(InsertsACounter, edit);
        }

        var moved = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false, to.StartUtc));

        factory.Transactions.Fired.Should().Be(1, "the edit landed between the move's read of the slots and its write");
        moved!.Succeeded.Should().BeFalse("the time is gone");
        (await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false))!.StartUtc.Should().Be(from.StartUtc);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == to.StartUtc)).Should().Match<SlotInventory>(i => i.IsClosed && i.Booked == 0);
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_move_that_read_the_old_slots_gets_the_new_capacity_of_a_time_nobody_had_booked()
    {
        var (service, _, to, booking) = await BookedFirstOfADayAsync();
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.TimeSlots.Single(t => t.Start == TimeOnly.FromDateTime(to.LocalStart.DateTime)).Capacity = 2;
        factory.Transactions.BeforeNextCommand(InsertsACounter, async () => (await admin.SaveAsync(staff, draft)).Succeeded.Should().BeTrue());

        (await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false, to.StartUtc)))!
            .Succeeded.Should().BeTrue();

        factory.Transactions.Fired.Should().Be(1);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var counter = await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == to.StartUtc);
        (counter.Capacity, counter.Booked).Should().Be((2, 1), "the slot has the two seats staff set, not the five the move read");
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Taking_away_a_time_whose_seat_is_held_for_a_waitlist_offer_withdraws_the_offer()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync((await factory.SimpleConsultationAsync()).Name);
        var slot = slots[0];
        var bookings = new List<BookingView>();
        for (var seat = 0; seat < SimpleConsultation.SeatsPerSlot; seat++)
        {
            bookings.Add(await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc));
        }

        var waiting = (await factory.CreateCustomersAsync(1))[0];
        var waitlist = factory.Get<WaitlistService>();
        (await factory.Get<WaitlistJoining>().JoinAsync(waiting, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc)).Outcome.Should().Be(JoinWaitlistOutcome.Joined);
        foreach (var booking in bookings)
        {
            (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false))).Succeeded.Should().BeTrue();
        }

        var offer = (await waitlist.ListForCustomerAsync(waiting)).Single();
        offer.Status.Should().Be(WaitlistStatus.Offered, "the first seat freed is held for the waiting customer");

        (await RemoveTimeAsync(service, slot, await factory.StaffAsync())).Succeeded.Should().BeTrue("no booking is on it, only an offer");

        (await waitlist.ClaimAsync(offer.Id, waiting)).Succeeded.Should().BeFalse("the time is gone, and its offer with it");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.WaitlistEntries.SingleAsync(e => e.Id == offer.Id)).Status.Should().Be(WaitlistStatus.Expired);
        (await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc)).Should().Match<SlotInventory>(i => i.IsClosed && i.Booked == 0);
    }

    [Fact]
    public async Task A_time_given_back_is_bookable_again_on_the_dates_its_removal_closed()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync((await factory.SimpleConsultationAsync()).Name);
        var slot = slots[0];
        await factory.Get<SlotInventoryStore>().EnsureAsync(service.Id, SlotSchedule.ForDate(service, DateOnly.FromDateTime(slot.LocalStart.DateTime)).Single(o => o.StartUtc == slot.StartUtc), CancellationToken.None);
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var template = (await admin.GetDraftAsync(staff, service.Id))!.TimeSlots.Single(t => t.Start == TimeOnly.FromDateTime(slot.LocalStart.DateTime));
        (await RemoveTimeAsync(service, slot, staff)).Succeeded.Should().BeTrue();

        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.TimeSlots.Add(new TimeSlotTemplate { Days = template.Days, Start = template.Start, End = template.End, Capacity = 3 });
        (await admin.SaveAsync(staff, draft)).Succeeded.Should().BeTrue();

        (await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc)).StartUtc.Should().Be(slot.StartUtc, "the counter its removal closed is open again");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc)).Capacity.Should().Be(3, "at the capacity given back");
    }

    /// <summary>A booking on the first time of a day, and the last time of that day to move it to.</summary>
    private async Task<(Service Service, SlotAvailability From, SlotAvailability To, BookingView Booking)> BookedFirstOfADayAsync()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync((await factory.SimpleConsultationAsync()).Name);
        var day = slots.Where(s => s.LocalStart.Date == slots[0].LocalStart.Date).ToList();
        return (service, day[0], day[^1], await factory.BookAsNewCustomerAsync(service.Id, day[0].StartUtc));
    }

    private static bool InsertsACounter(string sql) => sql.StartsWith("INSERT INTO \"SlotInventories\"", StringComparison.Ordinal);

    /// <summary>The service without the slot template <paramref name="slot"/> came from (that time on every day).</summary>
    private async Task<SaveServiceResult> RemoveTimeAsync(Service service, SlotAvailability slot, StaffActor staff)
    {
        var admin = factory.Get<ServiceAdminService>();
        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.TimeSlots.RemoveAll(t => t.Start == TimeOnly.FromDateTime(slot.LocalStart.DateTime));
        return await admin.SaveAsync(staff, draft);
    }
}

/// <summary>The same on PostgreSQL.</summary>
public class ServiceEditRaceOnPostgresTests : ServiceEditRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>
/// A slot's template capacity raised while staff add seats to that one slot, on PostgreSQL, where the edit reads the
/// counters before it locks them (on SQLite its transaction holds the database's write lock from the start).
/// </summary>
public class ServiceCapacityEditRaceOnPostgresTests() : PortalSuite(scheduledJobs: false)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [Fact]
    public async Task Seats_added_by_hand_while_the_template_grows_are_kept_and_every_offer_holds_a_seat()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync((await factory.SimpleConsultationAsync()).Name);
        var slot = slots[0];
        for (var seat = 0; seat < SimpleConsultation.SeatsPerSlot; seat++)
        {
            await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        }

        var waiting = await factory.CreateCustomersAsync(4);
        foreach (var customer in waiting)
        {
            (await factory.Get<WaitlistJoining>().JoinAsync(customer, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc)).Succeeded.Should().BeTrue();
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var draft = (await admin.GetDraftAsync(staff, service.Id))!;
        draft.TimeSlots.Single(t => t.Start == TimeOnly.FromDateTime(slot.LocalStart.DateTime)).Capacity += 2;
        // Staff's "+2 seats" lands after the edit read the counter and before it locks it.
        factory.Transactions.BeforeNextCommand(sql => sql.StartsWith("UPDATE", StringComparison.Ordinal) && sql.Contains("\"SlotInventories\"", StringComparison.Ordinal),
            async () => (await factory.Get<SlotCapacityService>().AddSeatsAsync(staff, service.Id, slot.StartUtc, 2)).OffersMade.Should().Be(2));

        (await admin.SaveAsync(staff, draft)).Succeeded.Should().BeTrue();

        factory.Transactions.Fired.Should().Be(1);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var counter = await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc);
        (counter.Capacity, counter.Booked).Should().Be((SimpleConsultation.SeatsPerSlot + 4, SimpleConsultation.SeatsPerSlot + 4),
            "the template's two seats come on top of staff's two, and each of the four waiting holds one of them");
        (await db.WaitlistEntries.CountAsync(w => w.OfferedSlotInventoryId == counter.Id && w.Status == WaitlistStatus.Offered)).Should().Be(4);
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }
}
