using BookingPortal.Features.Queue.Components;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// In an opening's first minutes pending-payment holds can take every seat, and lapse back. Rendered live with the
/// portal's services on the demo weekly release, sold only for one date (two slots of two seats).
/// </summary>
public class SeatsHeldAtOpeningTests : LiveComponentSuite
{
    // Signed out until a test signs a customer in: the waitlist's panel reads who is signed in.
    private Bunit.TestDoubles.BunitAuthorizationContext authorization = null!;

    protected override Task ArrangeAsync()
    {
        authorization = bunit.AddAuthorization();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task While_holds_take_every_seat_a_place_in_line_stays_shown_and_the_rooms_move_on_when_a_hold_lapses()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customers = await factory.CreateCustomersAsync(3);
        var (holder, waiter, newcomer) = (customers[0], customers[1], customers[2]);
        var (openingAt, queue) = (WeeklyRelease.Opening, factory.Get<QueueService>());
        factory.Clock.SetUtcNow(openingAt.AddMinutes(-5));
        var day = (await factory.BookableSlotsAsync(clinic)).Select(s => s.LocalStart.Date).First(d => d > openingAt.UtcDateTime.AddDays(2));
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // One turn at a time: the holder's, while the waiter stays numbered in line.
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r
                .SetProperty(x => x.SlotsFrom, DateOnly.FromDateTime(day)).SetProperty(x => x.SlotsUntil, DateOnly.FromDateTime(day))
                .SetProperty(x => x.MaxConcurrentAdmissions, 1));
        }

        var slots = await factory.BookableSlotsAsync(clinic);
        await factory.JoinEarlyThenOpenAsync(clinic.Id, [holder], TimeSpan.FromMinutes(5));
        await queue.JoinAsync(clinic.Id, waiter, null);
        await factory.Get<AdmissionController>().TickAllAsync();
        var held = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(holder, clinic.Id, slots[0].StartUtc, "held"));
        held.Succeeded.Should().BeTrue(held.Message);
        await FillWithHoldsAsync(clinic, slots, held.Booking!.ConfirmationNumber);

        var inLine = Render(clinic.Id, waiter);
        var notInLine = Render(clinic.Id, newcomer);
        inLine.WaitForAssertion(() => inLine.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be(nameof(QueueStage.Waiting)));
        notInLine.WaitForAssertion(() => notInLine.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be(nameof(QueueStage.SoldOut)));
        var placeWhileHeld = inLine.Find("[data-testid=queue-position]").TextContent;
        var buttonsWhileHeld = inLine.FindAll("[data-testid=waiting-room] button").Select(b => b.TextContent).ToList();
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);
        await factory.Get<QueueBroadcaster>().BroadcastAsync();

        placeWhileHeld.Should().Contain("Your place: 1", "holds filling every seat for a moment do not take the place from someone in line");
        buttonsWhileHeld.Should().Contain("Leave the line");
        notInLine.WaitForAssertion(() => notInLine.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be(nameof(QueueStage.Waiting),
            "the seat that came back reopens the line to someone the 0 had turned away"));
        inLine.WaitForAssertion(() => inLine.Find("[data-testid=remaining-seats]").TextContent.Should().Be("1 seat(s) left"));
        inLine.Find("[data-testid=queue-position]").TextContent.Should().Contain("Your place: 1");
    }

    /// <summary>
    /// Every seat of the release's one day is booked: someone who comes to the room joins that day's waitlist from it,
    /// with no place in line and so no turn taken, theirs or anyone's.
    /// </summary>
    [Fact]
    public async Task A_sold_out_release_offers_its_days_waitlist_without_a_turn()
    {
        var (clinic, customer, day) = await OneDayReleaseOpenAsync(showsSeatsLeft: true);

        await FillEverySeatAsync(clinic, await factory.BookableSlotsAsync(clinic));
        authorization.SetAuthorized("customer").SetClaims(new Claim(PortalClaims.UserIdType, customer));
        var room = Render(clinic.Id, customer);
        room.WaitForAssertion(() => room.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be(nameof(QueueStage.SoldOut)));
        await room.Find("[data-testid=sold-out-waitlist-open]").ClickAsync(new());
        room.WaitForAssertion(() => room.Find("[data-testid=sold-out-waitlist] button").TextContent.Should().Be("Join the waitlist for this day"));
        await room.Find("[data-testid=sold-out-waitlist] button").ClickAsync(new());

        room.WaitForAssertion(() => room.Find("[data-testid=sold-out-waitlist] [role=status]").TextContent.Should().Contain("You're on the waitlist."));
        room.FindAll("[data-testid=sold-out-waitlist-day] option").Should().ContainSingle("the release sells one day");
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        (await check.WaitlistEntries.SingleAsync(w => w.CustomerId == customer)).LocalDate.Should().Be(day);
        (await check.QueueEntries.AnyAsync(e => e.CustomerId == customer)).Should().BeFalse("no place in line, so no turn");
    }

    /// <summary>
    /// Seven in line for the day's four seats, one of them let in: the last place's "See the waitlist" leads to the offer in the
    /// room itself (My appointments joins none), which, with the day's seats still free, says no day's waitlist is open yet.
    /// </summary>
    [Fact]
    public async Task A_place_the_seats_may_not_reach_is_offered_the_waitlist_in_the_room()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        factory.Clock.SetUtcNow(WeeklyRelease.Opening.AddMinutes(-5));
        var day = (await factory.BookableSlotsAsync(clinic)).Select(s => s.LocalStart.Date).First(d => d > WeeklyRelease.Opening.UtcDateTime.AddDays(2));
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.SlotsFrom, DateOnly.FromDateTime(day))
                .SetProperty(x => x.SlotsUntil, DateOnly.FromDateTime(day)).SetProperty(x => x.MaxConcurrentAdmissions, 1));
        }

        await factory.JoinEarlyThenOpenAsync(clinic.Id, await factory.CreateCustomersAsync(7), TimeSpan.FromMinutes(5));
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        var last = await check.QueueEntries.Where(e => e.Status == QueueEntryStatus.Waiting).OrderByDescending(e => e.Sequence).Select(e => e.CustomerId!).FirstAsync();
        authorization.SetAuthorized("customer").SetClaims(new Claim(PortalClaims.UserIdType, last));
        var room = Render(clinic.Id, last);
        room.WaitForAssertion(() => room.Find("[data-testid=seat-chance]").TextContent.Should().Contain("you are number 6 in line"));
        room.Find("[data-testid=to-waitlist]").GetAttribute("href").Should().Be("http://localhost/#waitlist", "this page, at the offer");
        room.Find("#waitlist").GetAttribute("data-testid").Should().Be("sold-out-waitlist");
        await room.Find("[data-testid=sold-out-waitlist-open]").ClickAsync(new());

        room.WaitForAssertion(() => room.Find("[data-testid=sold-out-waitlist-none]").TextContent.Should()
            .Be("No day is fully booked yet, so there is no waitlist to join: a day's waitlist opens once all its seats are taken."));
    }

    /// <summary>
    /// A release that hides its seats left still sells out: the count decides the stage without being shown, and a seat that
    /// comes back (at the next snapshot) opens the line again.
    /// </summary>
    [Fact]
    public async Task A_release_hiding_its_seats_left_still_says_sold_out_and_reopens_when_a_seat_comes_back()
    {
        var (clinic, customer, _) = await OneDayReleaseOpenAsync(showsSeatsLeft: false);

        var slots = await factory.BookableSlotsAsync(clinic);
        await FillEverySeatAsync(clinic, slots);
        var room = Render(clinic.Id, customer);
        room.WaitForAssertion(() => room.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be(nameof(QueueStage.SoldOut)));
        room.FindAll("[data-testid=remaining-seats]").Should().BeEmpty("the release hides its count");
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.SlotInventories.Where(i => i.ServiceId == clinic.Id && i.StartUtc == slots[0].StartUtc).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Capacity - 1));
        }

        await factory.Get<QueueBroadcaster>().BroadcastAsync();

        room.WaitForAssertion(() => room.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be(nameof(QueueStage.Waiting)));
        room.Find("[data-testid=waiting-room] button").TextContent.Should().Be("Join the line");
        room.FindAll("[data-testid=remaining-seats]").Should().BeEmpty();
    }

    /// <summary>The holder's booking waits for payment for a minute; every other seat of the day is taken.</summary>
    private async Task FillWithHoldsAsync(Service clinic, IReadOnlyList<SlotAvailability> slots, string heldNumber)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var expires = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        await db.Bookings.Where(b => b.ConfirmationNumber == heldNumber).ExecuteUpdateAsync(b => b
            .SetProperty(x => x.Status, BookingStatus.PendingPayment).SetProperty(x => x.ExpiresAtUtc, expires).SetProperty(x => x.ConfirmedAtUtc, (DateTime?)null));
        await FillEverySeatAsync(clinic, slots);
    }

    /// <summary>Every seat of the service's slots counted as taken.</summary>
    private async Task FillEverySeatAsync(Service clinic, IReadOnlyList<SlotAvailability> slots)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.SlotInventories.Where(i => i.ServiceId == clinic.Id).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Capacity));
        var counted = await db.SlotInventories.Where(i => i.ServiceId == clinic.Id).Select(i => i.StartUtc).ToListAsync();
        db.SlotInventories.AddRange(slots.Where(s => !counted.Contains(s.StartUtc))
            .Select(s => new SlotInventory { ServiceId = clinic.Id, StartUtc = s.StartUtc, EndUtc = s.EndUtc, Capacity = s.Capacity, Booked = s.Capacity }));
        await db.SaveChangesAsync();
        (await factory.Get<QueueService>().RemainingSeatsAsync(clinic)).Should().Be(0);
    }

    private IRenderedComponent<WaitingRoom> Render(int serviceId, string customerId) =>
        bunit.Render<WaitingRoom>(p => p.Add(x => x.ServiceId, serviceId).Add(x => x.CustomerId, customerId));

    /// <summary>The weekly release, open five minutes, selling one day only (showing its seats left or not), a customer, and that day.</summary>
    private async Task<(Service Clinic, string Customer, DateOnly Day)> OneDayReleaseOpenAsync(bool showsSeatsLeft)
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(WeeklyRelease.Opening.AddMinutes(5));
        var day = DateOnly.FromDateTime((await factory.BookableSlotsAsync(clinic)).Select(s => s.LocalStart.Date).First(d => d > WeeklyRelease.Opening.UtcDateTime.AddDays(2)));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.SlotsFrom, day)
            .SetProperty(x => x.SlotsUntil, day).SetProperty(x => x.ShowRemainingSlots, showsSeatsLeft));
        return (clinic, customer, day);
    }
}
