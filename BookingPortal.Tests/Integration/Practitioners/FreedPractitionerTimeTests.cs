using BookingPortal.Features.Approval;
using BookingPortal.Features.Consistency;
using static BookingPortal.Tests.Integration.Practitioners.WaitingForPractitioners;
using BookingPortal.Tests.Integration.Approval;

namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>A practitioner freed by an appointment of another service ending or moving is offered to the people waiting for a slot then.</summary>
public class FreedPractitionerTimeTests() : PortalSuite(scheduledJobs: false)
{
    public enum HowFreed
    {
        CustomerCancels,
        StaffCancel,
        MovedAway,
        HoldExpires,
        RequestDeclined,
        RequestLapses,
        GivenToColleague,
        ProcessStopsAfterCommit,
    }

    /// <summary>
    /// Ana alone gives massage (one seat) and physio. Her physio at 10:00 keeps the massage slot then from everyone, so
    /// two people join its waiting list. The physio ends or moves away (or, as a request, is declined or lapses): the first waiting is offered the massage seat (it
    /// once stayed on sale, the waiting list never told, as the only seat freed was the physio's) and claims it with Ana;
    /// the second still waits. The massage slot was never booked, so it has no seat counter until then.
    /// </summary>
    [Theory]
    [InlineData(HowFreed.CustomerCancels)]
    [InlineData(HowFreed.StaffCancel)]
    [InlineData(HowFreed.MovedAway)]
    [InlineData(HowFreed.HoldExpires)]
    [InlineData(HowFreed.RequestDeclined)]
    [InlineData(HowFreed.RequestLapses)]
    [InlineData(HowFreed.GivenToColleague)]
    [InlineData(HowFreed.ProcessStopsAfterCommit)]
    public async Task A_practitioner_freed_by_another_services_appointment_is_offered_to_those_waiting_then(HowFreed how)
    {
        var physioService = PractitionerSetup.Service("Physio", 60, 5);
        physioService.RequiresApproval = how is HowFreed.RequestDeclined or HowFreed.RequestLapses;
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 1), physioService],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s), PractitionerSetup.WorkingEveryDay("Bob", s[1])]);
        var (massage, physio, ana, bob) = (services[0], services[1], p[0].Id, p[1].Id);
        var morning = PractitionerSetup.SlotStart(factory, massage);
        var customers = await factory.CreateCustomersAsync(3);
        var booking = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customers[0], physio.Id, morning, "physio", PractitionerId: ana))).Booking!;
        booking.PractitionerId.Should().Be(ana);
        var waiting = customers.Skip(1).ToArray();
        await JoinInOrderAsync(factory, massage, morning, waiting, "Ana gives physio then");

        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            (await db.SlotInventories.AnyAsync(i => i.ServiceId == massage.Id)).Should().BeFalse("nobody could ever book it: it has no seat counter yet");
        }

        await FreeAnaAsync(how, booking, physio, bob);

        await FirstClaimsItWithAsync(factory, waiting, ana, "Ana is free at 10:00 now");
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    private async Task FreeAnaAsync(HowFreed how, BookingView booking, Service physio, int bob)
    {
        switch (how)
        {
            case HowFreed.CustomerCancels or HowFreed.StaffCancel:
                var by = how == HowFreed.StaffCancel ? (await factory.StaffAsync()).Id : booking.CustomerId;
                (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, by, how == HowFreed.StaffCancel))).Succeeded.Should().BeTrue();
                break;
            case HowFreed.MovedAway:
                var afternoon = PractitionerSetup.SlotStart(factory, physio, afternoon: true);
                (await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, afternoon))).Succeeded.Should().BeTrue();
                break;
            case HowFreed.HoldExpires:
                await HoldAndExpireAsync(booking.Id);
                break;
            case HowFreed.RequestDeclined:
                (await factory.Get<BookingApprovals>().DeclineAsync(await factory.StaffAsync(), booking.Id, "No referral.")).Succeeded.Should().BeTrue();
                break;
            case HowFreed.RequestLapses:
                await ApprovalTestSupport.DeadlineReachedAsync(factory, booking.Id);
                (await factory.Get<ApprovalLapseService>().LapseDueAsync()).Should().Be(1);
                break;
            case HowFreed.GivenToColleague:
                (await factory.Get<PractitionerReassignment>().ReassignAsync(booking.Id, bob)).Should().Be(ReassignmentOutcome.Reassigned);
                break;
            case HowFreed.ProcessStopsAfterCommit:
                await CancelWithoutFollowUpAsync(booking);
                // The waitlist job's round, as Quartz runs it every minute: the offer below is made by it, or nothing makes it.
                await factory.Get<WaitlistService>().PassOnSeatsAsync();
                break;
        }
    }

    /// <summary>What a cancellation's commit leaves when its process stops before the follow-up offer: the booking ended, its seat on sale.</summary>
    private async Task CancelWithoutFollowUpAsync(BookingView booking)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await db.Bookings.Where(b => b.Id == booking.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.Status, BookingStatus.Cancelled).SetProperty(x => x.CancelledAtUtc, now));
        await db.SlotInventories.Where(i => i.ServiceId == booking.ServiceId && i.StartUtc == booking.StartUtc).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Booked - 1));
    }

    /// <summary>
    /// Ana gives massage (one seat), Bob physio, both in the one room. Bob's physio at 10:00 takes the room, keeping the
    /// massage slot then from everyone though Ana is free; its cancellation frees the room: the one waiting is offered it.
    /// </summary>
    [Fact]
    public async Task A_room_freed_by_another_services_appointment_is_offered_to_those_waiting_then()
    {
        var (services, p) = await PractitionerSetup.AddAsync(factory, [PractitionerSetup.Service("Massage", 60, 1), PractitionerSetup.Service("Physio", 60, 5)],
            s => [PractitionerSetup.WorkingEveryDay("Ana", s[0]), PractitionerSetup.WorkingEveryDay("Bob", s[1])]);
        var (massage, physio) = (services[0], services[1]);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var room = db.Rooms.Add(new Room { Name = "Room 1" }).Entity;
            await db.SaveChangesAsync();
            db.ServiceRooms.AddRange(new ServiceRoom { ServiceId = massage.Id, RoomId = room.Id }, new ServiceRoom { ServiceId = physio.Id, RoomId = room.Id });
            await db.SaveChangesAsync();
        }

        var morning = PractitionerSetup.SlotStart(factory, massage);
        var customers = await factory.CreateCustomersAsync(2);
        var booking = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customers[0], physio.Id, morning, "physio"))).Booking!;
        var local = TimeZoneInfo.ConvertTimeFromUtc(morning, massage.TimeZone);
        (await factory.Get<WaitlistJoining>().JoinAsync(customers[1], massage.Id, DateOnly.FromDateTime(local), morning)).Succeeded.Should().BeTrue("the room is taken then");

        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, false))).Succeeded.Should().BeTrue();

        var entry = (await factory.Get<WaitlistService>().ListForCustomerAsync(customers[1])).Single();
        entry.Status.Should().Be(WaitlistStatus.Offered, "the room is free at 10:00 now");
        (await factory.Get<WaitlistService>().ClaimAsync(entry.Id, customers[1])).Booking!.PractitionerId.Should().Be(p[0].Id);
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    /// <summary>Puts the booking on a payment hold, as a card payment would, and lets the hold run out.</summary>
    private async Task HoldAndExpireAsync(Guid bookingId)
    {
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var expires = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
            await db.Bookings.Where(b => b.Id == bookingId).ExecuteUpdateAsync(b => b
                .SetProperty(x => x.Status, BookingStatus.PendingPayment)
                .SetProperty(x => x.ExpiresAtUtc, expires)
                .SetProperty(x => x.ConfirmedAtUtc, (DateTime?)null));
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);
    }
}

/// <summary>The same on PostgreSQL.</summary>
public class FreedPractitionerTimeOnPostgresTests : FreedPractitionerTimeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
