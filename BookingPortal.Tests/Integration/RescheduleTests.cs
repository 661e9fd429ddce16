namespace BookingPortal.Tests.Integration;

public class RescheduleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Moving_a_booking_takes_the_new_seat_and_frees_the_old_one()
    {
        var (booking, slots) = await BookAsync(DemoSeeder.ConsultationName, 0);
        var target = slots[3];

        var result = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, target.StartUtc));

        result.Succeeded.Should().BeTrue(result.Message);
        result.Booking!.StartUtc.Should().Be(target.StartUtc);
        result.Booking.ConfirmationNumber.Should().Be(booking.ConfirmationNumber);
        (await BookedAsync(booking.ServiceId, booking.StartUtc)).Should().Be(0);
        (await BookedAsync(booking.ServiceId, target.StartUtc)).Should().Be(1);
    }

    [Fact]
    public async Task Moving_into_a_full_slot_changes_nothing()
    {
        var (booking, slots) = await BookAsync(DemoSeeder.VideoConsultationName, 4);
        var full = slots[5];
        var other = (await factory.CreateCustomersAsync(1))[0];
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(other, booking.ServiceId, full.StartUtc, "x"))).Succeeded.Should().BeTrue();

        var result = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, full.StartUtc));

        result.Error.Should().Be(BookingError.SlotFull);
        (await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, booking.CustomerId, false))!.StartUtc.Should().Be(booking.StartUtc);
        (await BookedAsync(booking.ServiceId, booking.StartUtc)).Should().Be(1);
        (await BookedAsync(booking.ServiceId, full.StartUtc)).Should().Be(1);
    }

    [Fact]
    public async Task Someone_else_cannot_move_a_booking_and_the_same_time_is_refused()
    {
        var (booking, slots) = await BookAsync(DemoSeeder.ConsultationName, 6);
        var stranger = (await factory.CreateCustomersAsync(1))[0];
        var bookings = factory.Get<BookingMover>();

        (await bookings.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, stranger, false, slots[7].StartUtc))).Error.Should().Be(BookingError.BookingNotFound);
        (await bookings.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, booking.StartUtc))).Error.Should().Be(BookingError.SameSlot);
        (await bookings.RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, booking.StartUtc.AddMinutes(10)))).Error.Should().Be(BookingError.SlotNotFound);
    }

    private async Task<(BookingView Booking, IReadOnlyList<Features.Catalog.SlotAvailability> Slots)> BookAsync(string serviceName, int slotIndex)
    {
        var service = await factory.ServiceNamedAsync(serviceName);
        var slots = await factory.BookableSlotsAsync(service);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var result = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slots[slotIndex].StartUtc, Guid.NewGuid().ToString()));
        result.Succeeded.Should().BeTrue(result.Message);
        return (result.Booking!, slots);
    }

    private async Task<int> BookedAsync(int serviceId, DateTime startUtc)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.SlotInventories.Where(i => i.ServiceId == serviceId && i.StartUtc == startUtc).Select(i => i.Booked).SingleOrDefaultAsync();
    }
}
