namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>Bookings, cancellations and moves all aimed at one single-seat slot at the same moment.</summary>
public class MixedSeatContentionTests : PortalSuite
{
    [Fact]
    public async Task A_hundred_mixed_requests_around_one_seat_never_overfill_or_go_negative()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.VideoConsultationName);
        var target = slots[0];
        var bookings = factory.Get<BookingService>();

        // 20 customers already hold other slots (they will try to move into the target), and one holds the target (it will cancel).
        var movers = new List<BookingView>();
        foreach (var (customer, index) in (await factory.CreateCustomersAsync(20)).Select((c, i) => (c, i)))
        {
            movers.Add((await bookings.ReserveAsync(new ReserveRequest(customer, service.Id, slots[index + 1].StartUtc, "setup"))).Booking!);
        }

        var holder = (await bookings.ReserveAsync(new ReserveRequest((await factory.CreateCustomersAsync(1))[0], service.Id, target.StartUtc, "setup"))).Booking!;
        var newcomers = await factory.CreateCustomersAsync(79);

        var work = new List<Func<Task<bool>>>();
        work.AddRange(newcomers.Select(c => Step(() => factory.Get<BookingService>().ReserveAsync(new ReserveRequest(c, service.Id, target.StartUtc, "race")))));
        work.AddRange(movers.Select(m => Step(() => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(m.ConfirmationNumber, m.CustomerId, false, target.StartUtc)))));
        work.Add(Step(() => factory.Get<CancellationService>().CancelAsync(new CancelRequest(holder.ConfirmationNumber, holder.CustomerId, false))));
        await Race.AllAtOnceAsync(work);

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var counters = await db.SlotInventories.Where(i => i.ServiceId == service.Id).ToListAsync();
        var active = await db.Bookings.Where(b => b.ServiceId == service.Id && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.PendingPayment))
            .GroupBy(b => b.SlotInventoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        counters.Should().OnlyContain(c => c.Booked >= 0 && c.Booked <= c.Capacity);
        counters.Should().OnlyContain(c => c.Booked == active.GetValueOrDefault(c.Id), "every counter equals the active bookings on its slot");
        counters.Single(c => c.StartUtc == target.StartUtc).Booked.Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task Claims_of_a_held_seat_racing_bookings_for_it_end_with_one_booking_for_the_person_offered()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var target = (await factory.BookableSlotsAsync(service))[0];
        var holder = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest((await factory.CreateCustomersAsync(1))[0], service.Id, target.StartUtc, "h"))).Booking!;
        var waiting = (await factory.CreateCustomersAsync(1))[0];
        (await factory.Get<WaitlistJoining>().JoinAsync(waiting, service.Id, DateOnly.FromDateTime(target.LocalStart.DateTime), target.StartUtc)).Succeeded.Should().BeTrue();
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(holder.ConfirmationNumber, holder.CustomerId, false));
        var offer = (await factory.Get<WaitlistService>().ListForCustomerAsync(waiting)).Single();
        var others = await factory.CreateCustomersAsync(40);

        var work = new List<Func<Task<bool>>>();
        work.AddRange(Enumerable.Range(0, 10).Select(_ => Step(() => factory.Get<WaitlistService>().ClaimAsync(offer.Id, waiting))));
        work.AddRange(others.Select(c => Step(() => factory.Get<BookingService>().ReserveAsync(new ReserveRequest(c, service.Id, target.StartUtc, "grab")))));
        await Race.AllAtOnceAsync(work);

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var onTarget = await db.Bookings.Where(b => b.ServiceId == service.Id && b.StartUtc == target.StartUtc && b.Status == BookingStatus.Confirmed).ToListAsync();
        onTarget.Select(b => b.CustomerId).Should().Equal(waiting);
        (await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == target.StartUtc)).Booked.Should().Be(1);
    }

    private static Func<Task<bool>> Step<T>(Func<Task<T>> action) => async () =>
    {
        await action();
        return true;
    };
}

/// <summary>The same races on PostgreSQL, where the row locks are the server's.</summary>
public class MixedSeatContentionOnPostgresTests : MixedSeatContentionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
