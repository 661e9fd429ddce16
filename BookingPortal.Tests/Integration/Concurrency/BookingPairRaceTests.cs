using BookingPortal.Features.Accounts;

namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>
/// Two operations on one booking at the same moment, as one customer with two tabs (or a customer
/// and the desk, or a customer and a job) would send them, round after round. Every pair must end
/// in one of the outcomes the two could have had one after the other, with the seat counters equal
/// to the bookings on their slots, and neither call may throw.
/// The test is the scheduler here: a sweep on its own timer would be a third party to the race.
/// </summary>
public class BookingPairRaceTests() : PortalSuite(scheduledJobs: false)
{
    internal const int Rounds = 20;

    [Fact]
    public async Task Cancel_racing_a_move_always_ends_cancelled_with_every_counter_right()
    {
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.ConsultationName);
        for (var round = 0; round < Rounds; round++)
        {
            var (from, to) = (slots[round % 2], slots[2 + round % 2]);
            var booking = await factory.BookAsNewCustomerAsync(service.Id, from.StartUtc);

            var (cancelled, _) = await Race.BothAtOnceAsync(
                () => factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, false)),
                () => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, to.StartUtc)));

            cancelled.Succeeded.Should().BeTrue($"round {round}: the booking was active, moved or not ({cancelled.Message})");
            (await StatusAsync(factory, booking.Id)).Should().Be(BookingStatus.Cancelled);
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_moves_of_one_booking_leave_it_on_one_of_the_slots_asked_for()
    {
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.ConsultationName);
        for (var round = 0; round < Rounds; round++)
        {
            var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);

            var (first, second) = await Race.BothAtOnceAsync(
                () => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, slots[1].StartUtc)),
                () => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, slots[2].StartUtc)));

            (first.Succeeded || second.Succeeded).Should().BeTrue($"round {round}: one move at least must win ({first.Message} / {second.Message})");
            var landedOn = await StartAsync(factory, booking.Id);
            landedOn.Should().BeOneOf(slots[1].StartUtc, slots[2].StartUtc);
            await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, false));
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Cancel_racing_the_hold_expiry_releases_the_seat_once()
    {
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.ConsultationName);
        for (var round = 0; round < Rounds; round++)
        {
            var hold = await HoldAsync(factory, service, slots[round % 4]);
            factory.Clock.Advance(TimeSpan.FromMinutes(11));

            var (cancelled, expired) = await Race.BothAtOnceAsync(
                () => factory.Get<CancellationService>().CancelAsync(new CancelRequest(hold.ConfirmationNumber, hold.CustomerId, false)),
                () => factory.Get<HoldExpiryService>().ExpireDueHoldsAsync());

            (cancelled.Succeeded ? 1 : 0).Should().Be(1 - expired, $"round {round}: exactly one of the two ends the booking");
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            (await db.LedgerEntries.CountAsync(e => e.BookingId == hold.Id && e.Kind == LedgerEntryKind.DepositWaived)).Should().Be(1);
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_move_racing_the_hold_expiry_ends_cancelled_and_frees_the_seat_it_was_on()
    {
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.ConsultationName);
        for (var round = 0; round < Rounds; round++)
        {
            var hold = await HoldAsync(factory, service, slots[round % 2]);
            factory.Clock.Advance(TimeSpan.FromMinutes(11));

            await Race.BothAtOnceAsync(
                () => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(hold.ConfirmationNumber, hold.CustomerId, false, slots[2 + round % 2].StartUtc)),
                () => factory.Get<HoldExpiryService>().ExpireDueHoldsAsync());
            await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync();

            (await StatusAsync(factory, hold.Id)).Should().Be(BookingStatus.Cancelled, $"round {round}: the hold ran out wherever the booking was");
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_double_clicked_cancel_cancels_once_and_writes_the_ledger_once()
    {
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.ConsultationName);
        for (var round = 0; round < Rounds; round++)
        {
            var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[round % 4].StartUtc);
            var request = new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, false);

            var (first, second) = await Race.BothAtOnceAsync(
                () => factory.Get<CancellationService>().CancelAsync(request), () => factory.Get<CancellationService>().CancelAsync(request));

            new[] { first, second }.Count(r => r.Succeeded).Should().Be(1, $"round {round}");
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositWaived)).Should().Be(1);
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Claiming_an_offer_while_leaving_the_waitlist_in_another_tab_ends_one_way()
    {
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.VideoConsultationName);
        foreach (var (slot, round) in slots.Take(Rounds / 2).Select((s, i) => (s, i)))
        {
            var offer = await OfferAsync(factory, service, slot);

            var (claimed, left) = await Race.BothAtOnceAsync(
                () => factory.Get<WaitlistService>().ClaimAsync(offer.EntryId, offer.CustomerId),
                () => factory.Get<WaitlistService>().LeaveAsync(offer.EntryId, offer.CustomerId));

            (claimed.Succeeded ^ left).Should().BeTrue($"round {round}: the offer is either claimed or handed back ({claimed.Message})");
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Claiming_an_offer_while_staff_close_the_slot_with_its_bookings_leaves_nothing_on_the_slot()
    {
        var staff = await factory.StaffAsync();
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.VideoConsultationName);
        foreach (var (slot, round) in slots.Take(Rounds / 2).Select((s, i) => (s, i)))
        {
            var offer = await OfferAsync(factory, service, slot);

            await Race.BothAtOnceAsync(
                () => factory.Get<WaitlistService>().ClaimAsync(offer.EntryId, offer.CustomerId),
                () => factory.Get<SlotCalendarService>().CloseSlotAsync(staff, service.Id, slot.StartUtc, cancelBookings: true));

            await using var db = await factory.DbFactory.CreateDbContextAsync();
            var counter = await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc);
            (await db.Bookings.Where(b => b.SlotInventoryId == counter.Id).AnyAsync(Booking.HoldsSeat)).Should().BeFalse($"round {round}: the slot was closed with its bookings");
            (await db.WaitlistEntries.AnyAsync(e => e.OfferedSlotInventoryId == counter.Id && e.Status == WaitlistStatus.Offered)).Should().BeFalse();
            counter.Booked.Should().Be(0);
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_no_show_racing_a_check_in_ends_as_one_of_them_with_the_count_and_ledger_to_match()
    {
        var staff = await factory.StaffAsync();
        var (service, slots) = await FarSlotsAsync(factory, (await factory.SimpleConsultationAsync()).Name);
        for (var round = 0; round < Rounds; round++)
        {
            var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[round % 4].StartUtc);
            await StartedAsync(factory, booking.Id);

            var (checkedIn, markedNoShow) = await Race.BothAtOnceAsync(
                () => factory.Get<FrontDeskService>().CheckInAsync(staff, booking.Id), () => factory.Get<FrontDeskService>().MarkNoShowAsync(staff, booking.Id));

            (checkedIn ^ markedNoShow).Should().BeTrue($"round {round}: exactly one of the two acts");
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(checkedIn ? BookingStatus.Completed : BookingStatus.NoShow);
            (await db.Users.SingleAsync(u => u.Id == booking.CustomerId)).NoShowCount.Should().Be(markedNoShow ? 1 : 0);
            (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.NoShowForfeited)).Should().Be(markedNoShow ? 1 : 0);
        }
    }

    [Fact]
    public async Task A_check_in_racing_a_move_to_next_week_either_checks_in_today_or_lets_it_move()
    {
        var staff = await factory.StaffAsync();
        var (service, slots) = await FarSlotsAsync(factory, (await factory.SimpleConsultationAsync()).Name);
        for (var round = 0; round < Rounds / 2; round++)
        {
            var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[round % 2].StartUtc);
            var dueAt = await DueWithinTheHourAsync(factory, booking.Id);
            var target = slots[2 + round % 2].StartUtc;

            var (checkedIn, moved) = await Race.BothAtOnceAsync(
                () => factory.Get<FrontDeskService>().CheckInAsync(staff, booking.Id),
                () => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, staff.Id, IsStaff: true, target)));

            (checkedIn ^ moved.Succeeded).Should().BeTrue($"round {round}: the visit is either today's, checked in, or next week's ({moved.Message})");
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            var after = await db.Bookings.SingleAsync(b => b.Id == booking.Id);
            (after.Status, after.StartUtc).Should().Be(checkedIn ? (BookingStatus.Completed, dueAt) : (BookingStatus.Confirmed, target));
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_no_show_whose_booking_moves_after_it_was_read_leaves_the_moved_booking_alone()
    {
        var staff = await factory.StaffAsync();
        var (service, slots) = await FarSlotsAsync(factory, (await factory.SimpleConsultationAsync()).Name);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        await StartedAsync(factory, booking.Id);
        // A staff move that read the booking a moment before it started commits just after the no-show read it. The
        // test clock cannot go back for the mover to read it so, so this writes the move's effect on the booking: its new times.
        factory.Transactions.BeforeNext(async () =>
        {
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            await db.Bookings.Where(b => b.Id == booking.Id)
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.StartUtc, slots[1].StartUtc).SetProperty(x => x.EndUtc, slots[1].StartUtc.AddHours(1)));
        });

        var marked = await factory.Get<FrontDeskService>().MarkNoShowAsync(staff, booking.Id);

        factory.Transactions.Fired.Should().Be(1, "the move landed between the no-show's read and its transaction");
        marked.Should().BeFalse("the booking is now next week's, not a missed visit");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(BookingStatus.Confirmed);
        (await db.Users.SingleAsync(u => u.Id == booking.CustomerId)).NoShowCount.Should().Be(0);
        (await db.LedgerEntries.AnyAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.NoShowForfeited)).Should().BeFalse();
    }

    [Fact]
    public async Task Closing_an_account_while_it_books_in_another_tab_leaves_no_booking_on_the_closed_account()
    {
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.ConsultationName);
        for (var round = 0; round < Rounds / 2; round++)
        {
            var customer = (await factory.CreateCustomersAsync(1))[0];

            var (_, reserved) = await Race.BothAtOnceAsync(
                () => factory.Get<AccountClosing>().CloseAsync(customer),
                () => factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slots[round % 4].StartUtc, $"close-{round}")));

            (await HoldsASeatAsync(factory, customer))
                .Should().BeFalse($"round {round}: a booking made before the closing is cancelled by it, one after is refused ({reserved.Message})");
        }

        var late = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest((await ClosedCustomerAsync()), service.Id, slots[4].StartUtc, "after"));
        late.Succeeded.Should().BeFalse("a closed account books nothing, whatever tab is still open");
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Closing_an_account_while_it_claims_a_waitlist_offer_leaves_no_booking_on_the_closed_account()
    {
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.VideoConsultationName);
        foreach (var (slot, round) in slots.Take(Rounds / 2).Select((s, i) => (s, i)))
        {
            var offer = await OfferAsync(factory, service, slot);

            var (_, claimed) = await Race.BothAtOnceAsync(
                () => factory.Get<AccountClosing>().CloseAsync(offer.CustomerId),
                () => factory.Get<WaitlistService>().ClaimAsync(offer.EntryId, offer.CustomerId));

            (await HoldsASeatAsync(factory, offer.CustomerId))
                .Should().BeFalse($"round {round}: a claim before the closing is cancelled by it, one after is refused ({claimed.Message})");
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Closing_a_slot_with_its_bookings_while_one_moves_away_cancels_only_what_is_still_on_it()
    {
        var staff = await factory.StaffAsync();
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.ConsultationName);
        var target = slots[^1];
        foreach (var (slot, round) in slots.Take(Rounds / 2).Select((s, i) => (s, i)))
        {
            var booking = await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);

            var (_, moved) = await Race.BothAtOnceAsync(
                () => factory.Get<SlotCalendarService>().CloseSlotAsync(staff, service.Id, slot.StartUtc, cancelBookings: true),
                () => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, target.StartUtc)));

            var status = await StatusAsync(factory, booking.Id);
            status.Should().Be(moved.Succeeded ? BookingStatus.Confirmed : BookingStatus.Cancelled,
                $"round {round}: a booking that moved away before the closing is not the closing's to cancel");
            if (moved.Succeeded)
            {
                await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, false));
            }
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_staff_moves_of_one_customers_bookings_into_one_slot_leave_them_one_seat_there()
    {
        var (service, slots) = await FarSlotsAsync(factory, DemoSeeder.ConsultationName);
        var staff = await factory.StaffAsync();
        var mover = factory.Get<BookingMover>();
        for (var round = 0; round < Rounds / 2; round++)
        {
            var customer = (await factory.CreateCustomersAsync(1))[0];
            var bookings = new List<BookingView>();
            foreach (var slot in slots.Take(2))
            {
                var made = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, $"r{round}-{slot.StartUtc:O}"));
                made.Succeeded.Should().BeTrue(made.Message);
                bookings.Add(made.Booking!);
            }

            var target = slots[2 + round % 2].StartUtc;
            var (first, second) = await Race.BothAtOnceAsync(
                () => mover.RescheduleAsync(new RescheduleRequest(bookings[0].ConfirmationNumber, staff.Id, true, target)),
                () => mover.RescheduleAsync(new RescheduleRequest(bookings[1].ConfirmationNumber, staff.Id, true, target)));

            new[] { first, second }.Should().ContainSingle(r => r.Succeeded, $"round {round}: one customer, one seat per slot");
            new[] { first, second }.Single(r => !r.Succeeded).Error.Should().Be(BookingError.SeatAlreadyHeld);
            foreach (var booking in bookings)
            {
                await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, customer, false));
            }
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    /// <summary>Slots a week or more ahead: far from every cut-off a move or a cancellation knows.</summary>
    internal static async Task<(Service Service, IReadOnlyList<SlotAvailability> Slots)> FarSlotsAsync(PortalFactory factory, string serviceName)
    {
        var service = await factory.ServiceNamedAsync(serviceName);
        var weekAhead = factory.Clock.GetUtcNow().UtcDateTime.AddDays(7);
        var slots = (await factory.BookableSlotsAsync(service)).Where(s => s.StartUtc > weekAhead).ToList();
        slots.Should().HaveCountGreaterThan(Rounds / 2);
        return (service, slots);
    }

    /// <summary>A single-seat slot's seat held for a customer on its waitlist, its holder having cancelled.</summary>
    private static async Task<(long EntryId, string CustomerId)> OfferAsync(PortalFactory factory, Service service, SlotAvailability slot)
    {
        var holder = await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        var waiting = (await factory.CreateCustomersAsync(1))[0];
        (await factory.Get<WaitlistJoining>().JoinAsync(waiting, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc)).Succeeded.Should().BeTrue();
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(holder.ConfirmationNumber, holder.CustomerId, false));
        var offer = (await factory.Get<WaitlistService>().ListForCustomerAsync(waiting)).Single();
        offer.Status.Should().Be(WaitlistStatus.Offered);
        return (offer.Id, waiting);
    }

    /// <summary>A booking waiting for an online payment, its hold running out in ten minutes.</summary>
    private static async Task<BookingView> HoldAsync(PortalFactory factory, Service service, SlotAvailability slot)
    {
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var expires = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
        await db.Bookings.Where(b => b.Id == booking.Id).ExecuteUpdateAsync(b => b
            .SetProperty(x => x.Status, BookingStatus.PendingPayment)
            .SetProperty(x => x.ExpiresAtUtc, expires)
            .SetProperty(x => x.ConfirmedAtUtc, (DateTime?)null));
        return booking;
    }

    /// <summary>The appointment began a minute ago (as if the clock had moved on to it).</summary>
    internal static async Task StartedAsync(PortalFactory factory, Guid bookingId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var start = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await db.Bookings.Where(b => b.Id == bookingId).ExecuteUpdateAsync(b => b.SetProperty(x => x.StartUtc, start).SetProperty(x => x.EndUtc, start.AddHours(1)));
    }

    /// <summary>The appointment starts within the hour (on the desk's list), as if the clock had moved on to its day.</summary>
    internal static async Task<DateTime> DueWithinTheHourAsync(PortalFactory factory, Guid bookingId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var start = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(50);
        await db.Bookings.Where(b => b.Id == bookingId).ExecuteUpdateAsync(b => b.SetProperty(x => x.StartUtc, start).SetProperty(x => x.EndUtc, start.AddHours(1)));
        return start;
    }

    private async Task<string> ClosedCustomerAsync()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        await factory.Get<AccountClosing>().CloseAsync(customer);
        return customer;
    }

    /// <summary>Whether any booking of the customer's still holds a seat.</summary>
    internal static async Task<bool> HoldsASeatAsync(PortalFactory factory, string customerId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Bookings.Where(b => b.CustomerId == customerId).AnyAsync(Booking.HoldsSeat);
    }

    internal static async Task<BookingStatus> StatusAsync(PortalFactory factory, Guid bookingId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync();
    }

    private static async Task<DateTime> StartAsync(PortalFactory factory, Guid bookingId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Bookings.Where(b => b.Id == bookingId).Select(b => b.StartUtc).SingleAsync();
    }
}

/// <summary>The same pairs on PostgreSQL, where row locks and deadlock detection are the server's.</summary>
public class BookingPairRaceOnPostgresTests : BookingPairRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
