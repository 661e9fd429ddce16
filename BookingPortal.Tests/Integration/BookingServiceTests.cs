namespace BookingPortal.Tests.Integration;

public class BookingServiceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private BookingService Bookings => factory.Get<BookingService>();

    private BookingReader Reader => factory.Get<BookingReader>();

    [Fact]
    public async Task A_reservation_confirms_a_booking_and_takes_one_seat()
    {
        var service = await factory.SimpleConsultationAsync();
        var slot = (await factory.BookableSlotsAsync(service))[0];
        var customer = (await factory.CreateCustomersAsync(1))[0];

        var result = await Bookings.ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, Guid.NewGuid().ToString()));

        result.Succeeded.Should().BeTrue(result.Message);
        var booking = result.Booking!;
        booking.Status.Should().Be(BookingStatus.Confirmed);
        booking.DepositAmount.Should().Be(50m);
        booking.Price.Should().Be(200m);
        booking.StartUtc.Should().Be(slot.StartUtc);
        ConfirmationNumber.IsWellFormed(booking.ConfirmationNumber).Should().BeTrue();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var counter = await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc);
        counter.Booked.Should().Be(1);
        counter.Capacity.Should().Be(5);
    }

    [Fact]
    public async Task A_reservation_on_terms_the_service_no_longer_has_books_nothing_and_one_on_its_terms_books_them()
    {
        var service = await factory.SimpleConsultationAsync();
        var slot = (await factory.BookableSlotsAsync(service))[3];
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var shown = BookingTerms.Of(service);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // Staff raise the deposit while the customer reads the summary.
            await db.Services.Where(s => s.Id == service.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DepositAmount, 80m));
        }

        var refused = await Bookings.ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "terms-shown-1") { TermsShown = shown });
        var booked = await Bookings.ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "terms-shown-2") { TermsShown = shown with { Deposit = 80m } });

        refused.Error.Should().Be(BookingError.TermsChanged);
        booked.Succeeded.Should().BeTrue(booked.Message);
        booked.Booking!.DepositAmount.Should().Be(80m);
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        (await check.Bookings.CountAsync(b => b.CustomerId == customer)).Should().Be(1, "the refused press booked nothing");
        (await check.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc)).Booked.Should().Be(1);
    }

    [Fact]
    public async Task Repeating_a_request_with_the_same_idempotency_key_returns_the_first_booking()
    {
        var service = await factory.SimpleConsultationAsync();
        var slot = (await factory.BookableSlotsAsync(service))[1];
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var request = new ReserveRequest(customer, service.Id, slot.StartUtc, "double-click-key");

        var first = await Bookings.ReserveAsync(request);
        var second = await Bookings.ReserveAsync(request);

        second.Booking!.ConfirmationNumber.Should().Be(first.Booking!.ConfirmationNumber);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.CountAsync(b => b.CustomerId == customer)).Should().Be(1);
        (await db.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == slot.StartUtc)).Booked.Should().Be(1);
    }

    [Fact]
    public async Task A_booking_is_visible_to_its_owner_and_staff_but_not_to_another_customer()
    {
        var service = await factory.SimpleConsultationAsync();
        var slot = (await factory.BookableSlotsAsync(service))[2];
        var customers = await factory.CreateCustomersAsync(2);
        var booked = await Bookings.ReserveAsync(new ReserveRequest(customers[0], service.Id, slot.StartUtc, "k"));
        var number = booked.Booking!.ConfirmationNumber;

        (await Reader.GetAsync(number, customers[0], isStaff: false)).Should().NotBeNull();
        (await Reader.GetAsync(number.ToLowerInvariant(), customers[0], isStaff: false)).Should().NotBeNull("typed numbers are normalised");
        (await Reader.GetAsync(number, customers[1], isStaff: false)).Should().BeNull();
        (await Reader.GetAsync(number, customers[1], isStaff: true)).Should().NotBeNull();
        (await Reader.ListForCustomerAsync(customers[1])).Should().BeEmpty();
        (await Reader.ListForCustomerAsync(customers[0])).Select(b => b.ConfirmationNumber).Should().Equal(number);
    }

    [Fact]
    public async Task Requests_outside_the_rules_get_typed_errors_and_change_nothing()
    {
        var service = await factory.SimpleConsultationAsync();
        var customer = (await factory.CreateCustomersAsync(1))[0];
        // Wednesday 4 March 09:00 New York is a real slot 43 h away; the Monday 09:00 slot of today is too soon.
        var tooSoon = new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);
        var tooFar = new DateTime(2026, 4, 3, 13, 0, 0, DateTimeKind.Utc);
        var notASlot = new DateTime(2026, 3, 4, 14, 30, 0, DateTimeKind.Utc);
        var tuesday = new DateTime(2026, 3, 10, 13, 0, 0, DateTimeKind.Utc);

        (await Reserve(customer, service.Id, tooSoon)).Error.Should().Be(BookingError.TooSoon);
        (await Reserve(customer, service.Id, tooFar)).Error.Should().Be(BookingError.TooFarAhead);
        (await Reserve(customer, service.Id, notASlot)).Error.Should().Be(BookingError.SlotNotFound);
        (await Reserve(customer, service.Id, tuesday)).Error.Should().Be(BookingError.SlotNotFound);
        var unknown = await Reserve(customer, 9999, tooFar);
        unknown.Error.Should().Be(BookingError.ServiceNotFound);
        unknown.Message.Should().NotBeNullOrWhiteSpace();
        (await Reserve(customer, service.Id, new DateTime(2026, 3, 4, 14, 0, 0, DateTimeKind.Utc), idempotencyKey: "")).Error
            .Should().Be(BookingError.InvalidRequest);
        (await Reserve("no-such-customer", service.Id, new DateTime(2026, 3, 4, 14, 0, 0, DateTimeKind.Utc))).Error
            .Should().Be(BookingError.InvalidRequest, "a staff key may name any customer id; one that does not exist is a bad request, not a crash");

        (await Reader.ListForCustomerAsync(customer)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_customer_at_the_limit_is_refused_a_third_upcoming_booking()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.VideoConsultationName);
        var customer = (await factory.CreateCustomersAsync(1))[0];

        (await Reserve(customer, service.Id, slots[0].StartUtc)).Succeeded.Should().BeTrue();
        (await Reserve(customer, service.Id, slots[1].StartUtc)).Succeeded.Should().BeTrue();
        var third = await Reserve(customer, service.Id, slots[2].StartUtc);

        third.Error.Should().Be(BookingError.LimitReached);
        third.Message.Should().Contain("2 upcoming bookings");
    }

    private Task<ReserveResult> Reserve(string customer, int serviceId, DateTime startUtc, string? idempotencyKey = null) =>
        Bookings.ReserveAsync(new ReserveRequest(customer, serviceId, startUtc, idempotencyKey ?? Guid.NewGuid().ToString()));
}
