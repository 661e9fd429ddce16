namespace BookingPortal.Tests.Integration.Cancellation;

/// <summary>The single-seat video service makes "full" one booking away.</summary>
public class WaitlistTests() : PortalSuite(scheduledJobs: false)
{
    private WaitlistService? waitlist;

    /// <summary>One service for the test, resolved at first use (the portal starts in InitializeAsync).</summary>
    private WaitlistService Waitlist => waitlist ??= factory.Get<WaitlistService>();

    private WaitlistJoining Joining => factory.Get<WaitlistJoining>();

    [Fact]
    public async Task A_freed_seat_is_held_for_the_first_person_waiting_and_nobody_else_can_book_it()
    {
        var (service, slot, holder) = await FillFirstSlotAsync(factory);
        var waiting = await factory.CreateCustomersAsync(2);
        var date = DateOnly.FromDateTime(slot.LocalStart.DateTime);
        (await Joining.JoinAsync(waiting[0], service.Id, date, slot.StartUtc)).Outcome.Should().Be(JoinWaitlistOutcome.Joined);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Joining.JoinAsync(waiting[1], service.Id, date, slot.StartUtc)).Outcome.Should().Be(JoinWaitlistOutcome.Joined);
        (await Joining.JoinAsync(waiting[1], service.Id, date, slot.StartUtc)).Outcome.Should().Be(JoinWaitlistOutcome.AlreadyWaiting);

        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(holder.ConfirmationNumber, holder.CustomerId, false))).Succeeded.Should().BeTrue();

        var first = (await Waitlist.ListForCustomerAsync(waiting[0])).Single();
        first.Status.Should().Be(WaitlistStatus.Offered);
        first.LocalOfferExpires!.Value.UtcDateTime.Should().Be(factory.Clock.GetUtcNow().UtcDateTime + WaitlistEntry.OfferDuration);
        (await Waitlist.ListForCustomerAsync(waiting[1])).Single().Status.Should().Be(WaitlistStatus.Waiting);
        (await BookedAsync(factory, service.Id, slot.StartUtc)).Should().Be(1, "the seat is held for the offer, not back on sale");
        var outsider = (await factory.CreateCustomersAsync(1))[0];
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(outsider, service.Id, slot.StartUtc, "k"))).Error.Should().Be(BookingError.SlotFull);

        var claim = await Waitlist.ClaimAsync(first.Id, waiting[0]);

        claim.Succeeded.Should().BeTrue(claim.Message);
        claim.Booking!.StartUtc.Should().Be(slot.StartUtc);
        (await BookedAsync(factory, service.Id, slot.StartUtc)).Should().Be(1);
        (await Waitlist.ListForCustomerAsync(waiting[0])).Should().BeEmpty("a claimed entry is done");
    }

    [Fact]
    public async Task An_unclaimed_offer_passes_to_the_next_person_after_two_hours_and_then_back_to_sale()
    {
        var (service, slot, holder) = await FillFirstSlotAsync(factory);
        var waiting = await factory.CreateCustomersAsync(2);
        var date = DateOnly.FromDateTime(slot.LocalStart.DateTime);
        await Joining.JoinAsync(waiting[0], service.Id, date);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await Joining.JoinAsync(waiting[1], service.Id, date);
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(holder.ConfirmationNumber, holder.CustomerId, false));
        var firstOffer = (await Waitlist.ListForCustomerAsync(waiting[0])).Single();

        factory.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        (await Waitlist.ExpireOffersAsync()).Should().Be(0, "the offer still has a moment left");
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await Task.WhenAll(Task.Run(() => factory.Get<WaitlistService>().ExpireOffersAsync()), Task.Run(() => factory.Get<WaitlistService>().ExpireOffersAsync()));

        expired.Sum().Should().Be(1, "two sweeps at once still pass the offer on once");
        (await Waitlist.ListForCustomerAsync(waiting[0])).Should().BeEmpty();
        (await Waitlist.ClaimAsync(firstOffer.Id, waiting[0])).Succeeded.Should().BeFalse("an expired offer cannot be claimed");
        var second = (await Waitlist.ListForCustomerAsync(waiting[1])).Single();
        second.Status.Should().Be(WaitlistStatus.Offered);
        (await BookedAsync(factory, service.Id, slot.StartUtc)).Should().Be(1);

        (await Waitlist.LeaveAsync(second.Id, waiting[1])).Should().BeTrue();

        (await BookedAsync(factory, service.Id, slot.StartUtc)).Should().Be(0, "with nobody left waiting the seat returns to general sale");
    }

    [Fact]
    public async Task Seats_staff_add_go_to_the_waitlist_first_and_the_rest_on_sale()
    {
        var (service, slot, _) = await FillFirstSlotAsync(factory);
        var waiting = await factory.CreateCustomersAsync(2);
        foreach (var customer in waiting)
        {
            (await Joining.JoinAsync(customer, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc)).Succeeded.Should().BeTrue();
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var result = await factory.Get<Features.Admin.SlotCapacityService>().AddSeatsAsync(await factory.StaffAsync(), service.Id, slot.StartUtc, 3);

        result.NewCapacity.Should().Be(4);
        result.OffersMade.Should().Be(2);
        (await BookedAsync(factory, service.Id, slot.StartUtc)).Should().Be(3, "one booking plus two seats held for offers");
        foreach (var customer in waiting)
        {
            (await Waitlist.ListForCustomerAsync(customer)).Single().Status.Should().Be(WaitlistStatus.Offered);
        }

        var walkIn = (await factory.CreateCustomersAsync(1))[0];
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(walkIn, service.Id, slot.StartUtc, "k"))).Succeeded.Should().BeTrue();
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest((await factory.CreateCustomersAsync(1))[0], service.Id, slot.StartUtc, "k")))
            .Error.Should().Be(BookingError.SlotFull);
        (await factory.Get<Features.Admin.SlotCapacityService>().AddSeatsAsync(await factory.StaffAsync(), service.Id, slot.StartUtc, 0)).Outcome
            .Should().Be(Features.Admin.CapacityChangeOutcome.InvalidAmount);
    }

    [Fact]
    public async Task Two_staff_adding_a_seat_each_at_once_add_two_seats_and_make_two_offers()
    {
        var (service, slot, _) = await FillFirstSlotAsync(factory);
        var waiting = await factory.CreateCustomersAsync(3);
        foreach (var customer in waiting)
        {
            await Joining.JoinAsync(customer, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc);
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var capacity = factory.Get<Features.Admin.SlotCapacityService>();
        var (first, second) = await Race.BothAtOnceAsync(
            async () => await capacity.AddSeatsAsync(await factory.StaffAsync(), service.Id, slot.StartUtc, 1),
            async () => await capacity.AddSeatsAsync(await factory.StaffAsync(), service.Id, slot.StartUtc, 1));

        (first.Outcome, second.Outcome).Should().Be((Features.Admin.CapacityChangeOutcome.Changed, Features.Admin.CapacityChangeOutcome.Changed));
        new[] { first.NewCapacity, second.NewCapacity }.Max().Should().Be(3, "each press adds its own seat to the one the slot had");
        (first.OffersMade + second.OffersMade).Should().Be(2);
        (await BookedAsync(factory, service.Id, slot.StartUtc)).Should().Be(3, "the booking plus a seat held for each of two offers");
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Joining_a_date_that_still_has_seats_is_refused_with_a_hint_to_book()
    {
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.VideoConsultationName);
        var customer = (await factory.CreateCustomersAsync(1))[0];

        var result = await factory.Get<WaitlistJoining>().JoinAsync(customer, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime));

        result.Outcome.Should().Be(JoinWaitlistOutcome.SeatsAvailable);
        result.Message.Should().Contain("book one now");
    }

    [Fact]
    public async Task A_seat_given_back_while_a_customer_joins_is_theirs_to_book_not_to_wait_for()
    {
        var (service, slot, holder) = await FillFirstSlotAsync(factory);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        // The cancellation lands after the join saw the slot full and before its transaction.
        factory.Transactions.BeforeNext(async () =>
            (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(holder.ConfirmationNumber, holder.CustomerId, false))).Succeeded.Should().BeTrue());

        var joined = await Joining.JoinAsync(customer, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc);

        factory.Transactions.Fired.Should().Be(1);
        joined.Outcome.Should().Be(JoinWaitlistOutcome.SeatsAvailable, "the seat went on sale with nobody waiting; a wait for it would never end in an offer");
        (await Waitlist.ListForCustomerAsync(customer)).Should().BeEmpty();
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "now"))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task An_offer_is_not_claimed_into_a_slot_where_the_customer_already_holds_a_seat()
    {
        var (service, slot, holder) = await FillFirstSlotAsync(factory);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        (await Joining.JoinAsync(customer, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc)).Outcome.Should().Be(JoinWaitlistOutcome.Joined);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // A second seat appears (as when staff add one) and the waiting customer books it directly.
            await db.SlotInventories.Where(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc)
                .ExecuteUpdateAsync(i => i.SetProperty(x => x.Capacity, 2));
        }

        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "direct"))).Succeeded.Should().BeTrue();
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(holder.ConfirmationNumber, holder.CustomerId, false))).Succeeded.Should().BeTrue();
        var offer = (await Waitlist.ListForCustomerAsync(customer)).Single();
        offer.Status.Should().Be(WaitlistStatus.Offered);

        ReserveResult claim;
        using (TestSupport.Localization.InCulture("es"))
        {
            claim = await Waitlist.ClaimAsync(offer.Id, customer);
        }

        claim.Succeeded.Should().BeFalse("the service gives each customer one seat per slot");
        claim.Error.Should().Be(BookingError.SeatAlreadyHeld);
        claim.Message.Should().StartWith("Ya tiene una plaza a esta hora", "the page shows the refusal in the customer's language")
            .And.EndWith("La plaza reservada para usted pasa a la siguiente persona en espera.");
        (await Waitlist.ListForCustomerAsync(customer)).Should().BeEmpty("a seat they can never take is not held for them for two hours");
        (await BookedAsync(factory, service.Id, slot.StartUtc)).Should().Be(1, "the customer's own seat; the held one went back on sale, nobody else waiting");
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        (await check.Bookings.CountAsync(b => b.CustomerId == customer && b.Status != BookingStatus.Cancelled)).Should().Be(1);
    }

    private static async Task<(Service Service, SlotAvailability Slot, BookingView Holder)> FillFirstSlotAsync(PortalFactory factory)
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.VideoConsultationName);
        var date = DateOnly.FromDateTime(slots[0].LocalStart.DateTime);
        BookingView? holder = null;
        foreach (var slot in slots.Where(s => DateOnly.FromDateTime(s.LocalStart.DateTime) == date))
        {
            var customer = (await factory.CreateCustomersAsync(1))[0];
            var booked = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "fill"));
            holder ??= booked.Booking;
        }

        return (service, slots[0], holder!);
    }

    private static async Task<int> BookedAsync(PortalFactory factory, int serviceId, DateTime startUtc)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.SlotInventories.Where(i => i.ServiceId == serviceId && i.StartUtc == startUtc).Select(i => i.Booked).SingleAsync();
    }
}

/// <summary>The waitlist on PostgreSQL, the offer expiry racing itself included.</summary>
public class WaitlistOnPostgresTests : WaitlistTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
