using BookingPortal.Features.Consistency;
using static BookingPortal.Tests.Integration.Practitioners.WaitingForPractitioners;

namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>A seat of a practitioner's service is offered from the waitlist and claimed as a booking is given: never by one already with someone else.</summary>
public class PractitionerWaitlistTests() : PortalSuite(scheduledJobs: false)
{
    public enum AnaAway
    {
        Never,
        AfterTheOffer,
        BeforeTheCancellation,
    }

    /// <summary>
    /// Ben gives physio at 10:00; Ana took the one massage seat at 10:00 and its customer cancels, freeing the seat for
    /// the first person waiting. With Ana there the claim gets Ana (it once judged the practitioners with nobody's
    /// appointments in view and gave Ben a second customer); with Ana away after the offer the claim is refused; with
    /// Ana away before, nobody could give the seat, so nobody is offered it and it goes back on sale.
    /// </summary>
    [Theory]
    [InlineData(AnaAway.Never)]
    [InlineData(AnaAway.AfterTheOffer)]
    [InlineData(AnaAway.BeforeTheCancellation)]
    public async Task A_freed_seat_goes_to_a_free_practitioner_never_to_one_with_another_appointment_then(AnaAway away)
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 1), PractitionerSetup.Service("Physio", 60, 5)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s[0]), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var (massage, physio, ana, ben) = (services[0], services[1], p[0].Id, p[1].Id);
        var morning = PractitionerSetup.SlotStart(factory, massage);
        var customers = await factory.CreateCustomersAsync(3);
        var bookings = factory.Get<BookingService>();
        (await bookings.ReserveAsync(new ReserveRequest(customers[0], physio.Id, morning, "physio", PractitionerId: ben))).Booking!.PractitionerId.Should().Be(ben);
        var seat = (await bookings.ReserveAsync(new ReserveRequest(customers[1], massage.Id, morning, "massage"))).Booking!;
        seat.PractitionerId.Should().Be(ana, "Ben is giving physio then");
        var local = TimeZoneInfo.ConvertTimeFromUtc(morning, massage.TimeZone);
        (await factory.Get<WaitlistJoining>().JoinAsync(customers[2], massage.Id, DateOnly.FromDateTime(local), morning)).Succeeded.Should().BeTrue();
        if (away == AnaAway.BeforeTheCancellation)
        {
            await TimeOffAsync(ana, local);
        }

        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(seat.ConfirmationNumber, customers[1], false))).Succeeded.Should().BeTrue();
        var waitlist = factory.Get<WaitlistService>();
        var entry = (await waitlist.ListForCustomerAsync(customers[2])).Single();

        if (away == AnaAway.BeforeTheCancellation)
        {
            entry.Status.Should().Be(WaitlistStatus.Waiting, "nobody could give the seat: offering it would only end in a refusal");
            (await BookedAsync(massage.Id, morning)).Should().Be(0, "the seat is back on sale, where the catalogue shows nobody to give it");
        }
        else
        {
            entry.Status.Should().Be(WaitlistStatus.Offered);
            if (away == AnaAway.AfterTheOffer)
            {
                await TimeOffAsync(ana, local);
            }

            var claim = await waitlist.ClaimAsync(entry.Id, customers[2]);
            (claim.Booking?.PractitionerId, claim.Error).Should().Be(
                away == AnaAway.Never ? (ana, null) : (null, BookingError.PractitionerUnavailable), "Ben is giving physio then");
        }

        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    /// <summary>
    /// Ana (massage only) is away when the one massage seat at 10:00 is cancelled: nobody can give it, so it goes back on
    /// sale and the two people waiting keep waiting. Staff then remove Ana's time off: the first person waiting is offered
    /// the seat (it once stayed on sale, the waiting list never told) and claims it with Ana.
    /// </summary>
    [Fact]
    public async Task Removing_the_time_off_that_kept_a_freed_seat_from_the_waiting_list_offers_it_to_them()
    {
        var (massage, ana, morning, local, seat, waiting) = await WaitingForAnasSeatAsync();
        var timeOff = await TimeOffAsync(ana, local);
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(seat.ConfirmationNumber, seat.CustomerId, false))).Succeeded.Should().BeTrue();
        var waitlist = factory.Get<WaitlistService>();
        (await waitlist.ListForCustomerAsync(waiting[0])).Single().Status.Should().Be(WaitlistStatus.Waiting, "nobody could give the seat");

        (await factory.Get<TimeOffService>().RemoveAsync(await factory.StaffAsync(), ana, timeOff)).Should().BeNull();

        await FirstClaimsItWithAsync(factory, waiting, ana, "Ana can give the seat again");
        (await BookedAsync(massage.Id, morning)).Should().Be(1);
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    /// <summary>
    /// Ana (massage only) is away at 10:00 before anyone books massage then, so two people join its waiting list for a slot
    /// never booked (it has no seat counter). Removing the time off offers the first the seat (the releaser once looked
    /// only at slots with a counter and offered nothing); they claim it with Ana.
    /// </summary>
    [Fact]
    public async Task Removing_time_off_offers_a_never_booked_slot_to_those_waiting_for_it()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 1)], s => [PractitionerSetup.WorkingEveryDay("Ana", s)]);
        var (massage, ana) = (services[0], p[0].Id);
        var morning = PractitionerSetup.SlotStart(factory, massage);
        var local = TimeZoneInfo.ConvertTimeFromUtc(morning, massage.TimeZone);
        var timeOff = await TimeOffAsync(ana, local);
        var waiting = await factory.CreateCustomersAsync(2);
        await JoinInOrderAsync(factory, massage, morning, waiting, "Ana is away");

        (await factory.Get<TimeOffService>().RemoveAsync(await factory.StaffAsync(), ana, timeOff)).Should().BeNull();

        await FirstClaimsItWithAsync(factory, waiting, ana, "Ana can give the seat again");
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    /// <summary>
    /// The first person waiting is offered Ana's freed seat; Ana then takes time off, so their claim is refused. The offer
    /// ends there (it once held the seat until it expired, two hours later): nobody else could be given it either, so the
    /// seat is back on sale, the next person still waits, and the refused customer waits again, told so in their language.
    /// </summary>
    [Fact]
    public async Task A_claim_refused_because_no_practitioner_is_free_ends_the_offer_and_passes_the_seat_on()
    {
        var (massage, ana, morning, local, seat, waiting) = await WaitingForAnasSeatAsync();
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(seat.ConfirmationNumber, seat.CustomerId, false))).Succeeded.Should().BeTrue();
        var waitlist = factory.Get<WaitlistService>();
        var entry = (await waitlist.ListForCustomerAsync(waiting[0])).Single();
        entry.Status.Should().Be(WaitlistStatus.Offered);
        await TimeOffAsync(ana, local);

        ReserveResult claim;
        using (TestSupport.Localization.InCulture("es"))
        {
            claim = await waitlist.ClaimAsync(entry.Id, waiting[0]);
        }

        claim.Error.Should().Be(BookingError.PractitionerUnavailable);
        (await waitlist.ListForCustomerAsync(waiting[0])).Single().Status.Should().Be(WaitlistStatus.Waiting, "the offer ended at the refusal");
        (await waitlist.ListForCustomerAsync(waiting[1])).Single().Status.Should().Be(WaitlistStatus.Waiting, "nobody could give the seat to the next either");
        (await BookedAsync(massage.Id, morning)).Should().Be(0, "the seat is back on sale");
        claim.Message.Should().Contain("sigue en la lista de espera");
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    /// <summary>Ana gives the one massage seat at 10:00 (Ben gives physio then); two customers wait for it, in order.</summary>
    private async Task<(Service Massage, int Ana, DateTime Morning, DateTime Local, BookingView Seat, string[] Waiting)> WaitingForAnasSeatAsync()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 1), PractitionerSetup.Service("Physio", 60, 5)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s[0]), PractitionerSetup.WorkingEveryDay("Ben", s)]);
        var (massage, ana) = (services[0], p[0].Id);
        var morning = PractitionerSetup.SlotStart(factory, massage);
        var customers = await factory.CreateCustomersAsync(4);
        var bookings = factory.Get<BookingService>();
        (await bookings.ReserveAsync(new ReserveRequest(customers[0], services[1].Id, morning, "physio", PractitionerId: p[1].Id))).Succeeded.Should().BeTrue();
        var seat = (await bookings.ReserveAsync(new ReserveRequest(customers[1], massage.Id, morning, "massage"))).Booking!;
        seat.PractitionerId.Should().Be(ana);
        var local = TimeZoneInfo.ConvertTimeFromUtc(morning, massage.TimeZone);
        var waiting = customers.Skip(2).ToArray();
        await JoinInOrderAsync(factory, massage, morning, waiting);

        return (massage, ana, morning, local, seat, waiting);
    }

    private async Task<int> TimeOffAsync(int practitionerId, DateTime localStart)
    {
        var hour = new ExceptionDraft
        {
            Kind = AvailabilityExceptionKind.TimeOff, FromDate = DateOnly.FromDateTime(localStart), FromTime = TimeOnly.FromDateTime(localStart),
            ToTime = TimeOnly.FromDateTime(localStart.AddHours(1)), Reason = "Dentist",
        };
        var added = await factory.Get<TimeOffService>().AddAsync(await factory.StaffAsync(), practitionerId, hour);
        added.ExceptionId.Should().NotBeNull();
        return added.ExceptionId!.Value;
    }

    private async Task<int> BookedAsync(int serviceId, DateTime startUtc)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.SlotInventories.Where(i => i.ServiceId == serviceId && i.StartUtc == startUtc).Select(i => i.Booked).SingleAsync();
    }
}

/// <summary>The waitlist's practitioner rules on PostgreSQL.</summary>
public class PractitionerWaitlistOnPostgresTests : PractitionerWaitlistTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
