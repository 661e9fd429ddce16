namespace BookingPortal.Tests.Integration.Admin;

public class SlotCalendarTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task Closing_a_day_with_the_cancel_choice_cancels_and_refunds_every_booking_and_tells_the_customers()
    {
        var (service, date, bookings) = await BookADayAsync(factory);
        factory.Clock.SetUtcNow(new DateTimeOffset(bookings[0].StartUtc.AddHours(-10), TimeSpan.Zero));

        var result = await factory.Get<SlotCalendarService>().CloseDayAsync(await factory.StaffAsync(), service.Id, date, cancelBookings: true);

        result.BookingsCancelled.Should().Be(bookings.Count);
        result.Message.Should().Contain("cancelled with a full refund");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var ids = bookings.Select(b => b.Id).ToList();
        (await db.Bookings.Where(b => ids.Contains(b.Id)).Select(b => b.Status).ToListAsync()).Should().OnlyContain(s => s == BookingStatus.Cancelled);
        foreach (var booking in bookings)
        {
            var ledger = LedgerSummary.Of(await db.LedgerEntries.Where(e => e.BookingId == booking.Id).ToListAsync());
            ledger.Retained.Should().Be(0m, "inside the fee window, yet the clinic closed the slot, so no fee is kept");
            ledger.Owed.Should().Be(0m);
        }

        (await db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.Cancellation && ids.Contains(m.BookingId!.Value))).Should().Be(bookings.Count);
        (await db.AuditEntries.Where(a => a.Action == "booking.cancelled_by_staff").Select(a => a.Subject).ToListAsync())
            .Should().BeEquivalentTo(bookings.Select(b => b.ConfirmationNumber));
        (await db.AuditEntries.SingleAsync(a => a.Action == "day.closed")).Details.Should().Contain($"{bookings.Count} booking(s) on it to cancel");
        var week = await factory.Get<SlotCalendarService>().WeekAsync(await factory.StaffAsync(), service.Id, date);
        week!.Days.Single(d => d.Date == date).Slots.Should().OnlyContain(s => s.IsClosed && s.Booked == 0);
    }

    [Fact]
    public async Task Closing_a_slot_with_the_keep_choice_keeps_its_bookings_and_reopening_puts_it_back_on_sale()
    {
        var (service, _, bookings) = await BookADayAsync(factory);
        var calendar = factory.Get<SlotCalendarService>();
        var staff = await factory.StaffAsync();

        var closed = await calendar.CloseSlotAsync(staff, service.Id, bookings[0].StartUtc, cancelBookings: false);

        closed.BookingsKept.Should().Be(1);
        (await factory.Get<BookingReader>().GetAsync(bookings[0].ConfirmationNumber, "", isStaff: true))!.Status.Should().Be(BookingStatus.Confirmed);
        var newcomer = (await factory.CreateCustomersAsync(1))[0];
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(newcomer, service.Id, bookings[0].StartUtc, "a"))).Error.Should().Be(BookingError.SlotFull);
        (await calendar.ReopenSlotAsync(staff, service.Id, bookings[0].StartUtc)).Should().BeTrue();
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(newcomer, service.Id, bookings[0].StartUtc, "b"))).Succeeded.Should().BeTrue();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.Select(a => a.Action).ToListAsync()).Should().Equal("slot.closed", "slot.reopened");
    }

    [Fact]
    public async Task Two_staff_closing_one_slot_at_once_close_it_once_and_only_the_one_who_closed_it_is_audited()
    {
        var (service, _, bookings) = await BookADayAsync(factory);
        var (staff, admin) = (await factory.StaffAsync(), await factory.StaffAsync(admin: true));
        foreach (var (booking, round) in bookings.Select((b, i) => (b, i)))
        {
            var (first, second) = await Race.BothAtOnceAsync(
                () => factory.Get<SlotCalendarService>().CloseSlotAsync(staff, service.Id, booking.StartUtc, cancelBookings: true),
                () => factory.Get<SlotCalendarService>().CloseSlotAsync(admin, service.Id, booking.StartUtc, cancelBookings: true));

            new[] { first.SlotsClosed, second.SlotsClosed }.Should().BeEquivalentTo([1, 0], $"round {round}: one of them closed it");
            (first.SlotsClosed == 0 ? first : second).Message.Should().Contain("already closed");
            (first.BookingsCancelled + second.BookingsCancelled).Should().Be(1);
        }

        // From a page drawn before someone else closed it, the same: nothing to do, nothing to record.
        var stale = await factory.Get<SlotCalendarService>().CloseSlotAsync(staff, service.Id, bookings[0].StartUtc, cancelBookings: false);

        (stale.SlotsClosed, stale.BookingsKept).Should().Be((0, 0));
        stale.Message.Should().Contain("already closed");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.CountAsync(a => a.Action == "slot.closed")).Should().Be(bookings.Count, "each slot was closed once");
        (await db.AuditEntries.CountAsync(a => a.Action == "booking.cancelled_by_staff")).Should().Be(bookings.Count);
    }

    private static async Task<(Service Service, DateOnly Date, List<BookingView> Bookings)> BookADayAsync(PortalFactory factory)
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var date = DateOnly.FromDateTime(slots[0].LocalStart.DateTime);
        var bookings = new List<BookingView>();
        foreach (var slot in slots.Where(s => DateOnly.FromDateTime(s.LocalStart.DateTime) == date).Take(2))
        {
            bookings.Add(await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc));
        }

        return (service, date, bookings);
    }
}

/// <summary>Closing and reopening slots, two staff closing one at once included, on PostgreSQL.</summary>
public class SlotCalendarOnPostgresTests : SlotCalendarTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
