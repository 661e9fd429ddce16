namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>Real parallel requests against one database: the seat counter and the limits must hold.</summary>
public abstract class ReservationConcurrencySuite(PortalFactory factory)
{
    [Fact]
    public async Task Two_hundred_customers_racing_for_five_seats_get_exactly_five_bookings()
    {
        var service = await factory.SimpleConsultationAsync();
        var slot = (await factory.BookableSlotsAsync(service))[0];
        var customers = await factory.CreateCustomersAsync(200);

        var results = await RaceAsync(customers.Select(c => new ReserveRequest(c, service.Id, slot.StartUtc, Guid.NewGuid().ToString())));

        results.Count(r => r.Succeeded).Should().Be(5);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Error == BookingError.SlotFull);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var counter = await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc);
        counter.Booked.Should().Be(5);
        (await db.Bookings.CountAsync(b => b.SlotInventoryId == counter.Id)).Should().Be(5);
        results.Where(r => r.Succeeded).Select(r => r.Booking!.ConfirmationNumber).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task One_customer_firing_fifty_bookings_at_different_slots_gets_exactly_the_limit()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var slots = (await factory.BookableSlotsAsync(service)).Skip(1).Take(50).ToList();
        slots.Should().HaveCount(50, "the 30-day window of the weekday video service has enough slots");
        var customer = (await factory.CreateCustomersAsync(1))[0];

        var results = await RaceAsync(slots.Select(s => new ReserveRequest(customer, service.Id, s.StartUtc, Guid.NewGuid().ToString())));

        results.Count(r => r.Succeeded).Should().Be(service.MaxActiveBookingsPerCustomer);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Error == BookingError.LimitReached);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.CountAsync(b => b.CustomerId == customer)).Should().Be(2);
        (await db.SlotInventories.Where(i => i.ServiceId == service.Id).SumAsync(i => i.Booked))
            .Should().Be(await db.Bookings.CountAsync(b => b.ServiceId == service.Id), "every seat taken belongs to a booking");
    }

    [Fact]
    public async Task Twenty_repeats_of_one_request_at_once_make_one_booking()
    {
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.VideoConsultationName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var request = new ReserveRequest(customer, service.Id, slot.StartUtc, "same-click");

        var results = await RaceAsync(Enumerable.Repeat(request, 20));

        results.Should().OnlyContain(r => r.Succeeded);
        results.Select(r => r.Booking!.ConfirmationNumber).Distinct().Should().HaveCount(1);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.CountAsync(b => b.CustomerId == customer)).Should().Be(1);
    }

    private Task<ReserveResult[]> RaceAsync(IEnumerable<ReserveRequest> requests) =>
        Race.AllAtOnceAsync(requests.Select(request => (Func<Task<ReserveResult>>)(() => factory.Get<BookingService>().ReserveAsync(request))));
}

public class ReservationConcurrencyTests(PortalFactory factory) : ReservationConcurrencySuite(factory), IClassFixture<PortalFactory>;

public class ReservationConcurrencyOnPostgresTests(PostgresPortalFactory factory) : ReservationConcurrencySuite(factory), IClassFixture<PostgresPortalFactory>;
