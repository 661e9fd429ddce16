using BookingPortal.Features.Consistency;

namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>A seat claimed from the waitlist is given by a practitioner as a booking is: never by one already with someone else.</summary>
public class PractitionerWaitlistTests() : PortalSuite(scheduledJobs: false)
{
    /// <summary>
    /// Ben gives physio at 10:00; Ana took the one massage seat at 10:00 and its customer cancels, offering the seat to
    /// the first person waiting. Ana is then free (or, with <paramref name="anaAway"/>, on time off): the claim gets Ana,
    /// or is refused; never Ben. (The claim once judged the practitioners with nobody's appointments in view.)
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_claimed_seat_goes_to_a_free_practitioner_never_to_one_with_another_appointment_then(bool anaAway)
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 1), PractitionerSetup.Service("Physio", 60, 5)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s[0]), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var (massage, physio) = (services[0], services[1]);
        var (ana, ben) = (p[0].Id, p[1].Id);
        var morning = PractitionerSetup.SlotStart(factory, massage);
        var customers = await factory.CreateCustomersAsync(3);
        var bookings = factory.Get<BookingService>();
        (await bookings.ReserveAsync(new ReserveRequest(customers[0], physio.Id, morning, "physio", PractitionerId: ben))).Booking!.PractitionerId.Should().Be(ben);
        var seat = (await bookings.ReserveAsync(new ReserveRequest(customers[1], massage.Id, morning, "massage"))).Booking!;
        seat.PractitionerId.Should().Be(ana, "Ben is giving physio then");
        var local = TimeZoneInfo.ConvertTimeFromUtc(morning, massage.TimeZone);
        (await factory.Get<WaitlistJoining>().JoinAsync(customers[2], massage.Id, DateOnly.FromDateTime(local), morning)).Succeeded.Should().BeTrue();
        if (anaAway)
        {
            var hour = new ExceptionDraft
            {
                Kind = AvailabilityExceptionKind.TimeOff, FromDate = DateOnly.FromDateTime(local), FromTime = TimeOnly.FromDateTime(local),
                ToTime = TimeOnly.FromDateTime(local.AddHours(1)), Reason = "Dentist",
            };
            (await factory.Get<TimeOffService>().AddAsync(await factory.StaffAsync(), ana, hour)).ExceptionId.Should().NotBeNull();
        }

        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(seat.ConfirmationNumber, customers[1], false))).Succeeded.Should().BeTrue();
        var waitlist = factory.Get<WaitlistService>();
        var offer = (await waitlist.ListForCustomerAsync(customers[2])).Single();
        offer.Status.Should().Be(WaitlistStatus.Offered);

        var claim = await waitlist.ClaimAsync(offer.Id, customers[2]);

        if (anaAway)
        {
            claim.Error.Should().Be(BookingError.PractitionerUnavailable, "Ana is away and Ben is giving physio");
        }
        else
        {
            claim.Booking!.PractitionerId.Should().Be(ana, "Ben is giving physio then");
        }

        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }
}
