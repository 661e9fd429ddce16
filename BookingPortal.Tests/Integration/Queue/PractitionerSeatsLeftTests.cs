using BookingPortal.Tests.Integration.Practitioners;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>The waiting room's "seats left" on a service that books practitioners: their free seats, not the templates' capacity.</summary>
public class PractitionerSeatsLeftTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task Seats_left_are_the_practitioners_free_seats_and_fall_when_one_is_booked_in_another_service()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, capacity: 10), PractitionerSetup.Service("Physio", 60, capacity: 10)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var massage = await factory.ServiceNamedAsync("Massage");
        var queue = factory.Get<QueueService>();
        var bookableSlots = (await factory.BookableSlotsAsync(massage)).Count;

        var before = await queue.RemainingSeatsAsync(massage);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var physio = await factory.Get<BookingService>().ReserveAsync(
            new ReserveRequest(customer, services[1].Id, PractitionerSetup.SlotStart(factory, services[1]), "physio", PractitionerId: p[0].Id));
        var after = await queue.RemainingSeatsAsync(massage);

        bookableSlots.Should().BeGreaterThan(10);
        before.Should().Be(2 * bookableSlots, "two practitioners give one seat each per slot, the templates' 10 only a ceiling");
        physio.Succeeded.Should().BeTrue(physio.Message);
        after.Should().Be(before - 1, "Ana's physio appointment takes her out of the massage slot at the same time");
    }
}
