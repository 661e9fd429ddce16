namespace BookingPortal.Tests.Integration.Practitioners;

public class MyDayTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task A_practitioner_sees_only_their_appointments_today_and_checks_in_only_their_own()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var me = await factory.StaffAsync();
        var mine = await factory.CreatePractitionerAsync("Dr Me", service.Id, me.Id);
        var theirs = await factory.CreatePractitionerAsync("Dr Them", service.Id);
        var slots = await factory.BookableSlotsAsync(service);
        var day = slots.Where(s => s.LocalStart.Date == slots[0].LocalStart.Date).ToList();
        var myBooking = await factory.BookAsNewCustomerAsync(service.Id, day[0].StartUtc);
        var theirBooking = await factory.BookAsNewCustomerAsync(service.Id, day[1].StartUtc);
        var myLaterBooking = await factory.BookAsNewCustomerAsync(service.Id, slots.First(s => s.LocalStart.Date > day[0].LocalStart.Date).StartUtc);
        await factory.AssignAsync(myBooking.Id, mine);
        await factory.AssignAsync(theirBooking.Id, theirs);
        await factory.AssignAsync(myLaterBooking.Id, mine);
        factory.Clock.SetUtcNow(new DateTimeOffset(day[0].StartUtc.AddMinutes(-30), TimeSpan.Zero));
        var myDays = factory.Get<MyDayService>();

        var today = await myDays.TodayAsync(me);

        today.PractitionerId.Should().Be(mine);
        today.Appointments.Select(a => a.BookingId).Should().Equal(myBooking.Id);
        (await myDays.CheckInAsync(me, theirBooking.Id)).Should().Be(MyDayCheckIn.NotYours, "another practitioner's appointment is not in My day");
        (await myDays.CheckInAsync(me, myBooking.Id)).Should().Be(MyDayCheckIn.CheckedIn);
        (await myDays.CheckInAsync(me, myBooking.Id)).Should().Be(MyDayCheckIn.NotNow, "a second click changes nothing");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == myBooking.Id)).Status.Should().Be(BookingStatus.Completed);
        (await db.Bookings.SingleAsync(b => b.Id == theirBooking.Id)).Status.Should().Be(BookingStatus.Confirmed);
        (await myDays.TodayAsync(await factory.StaffAsync(admin: true))).PractitionerId.Should().BeNull("the admin account has no profile");
    }

    [Fact]
    public async Task An_appointment_given_to_a_colleague_after_the_page_was_drawn_is_not_checked_in_and_the_practitioner_is_told()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var me = await factory.StaffAsync();
        var mine = await factory.CreatePractitionerAsync("Dr Me", service.Id, me.Id);
        var colleague = await factory.CreatePractitionerAsync("Dr Colleague", service.Id);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, (await factory.BookableSlotsAsync(service))[0].StartUtc);
        await factory.AssignAsync(booking.Id, mine);
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddMinutes(-30), TimeSpan.Zero));
        var myDays = factory.Get<MyDayService>();
        (await myDays.TodayAsync(me)).Appointments.Select(a => a.BookingId).Should().Equal(booking.Id);
        // Given to the colleague after every read of whose it is, just before the check-in's transaction begins.
        factory.Transactions.BeforeNext(() => factory.AssignAsync(booking.Id, colleague));

        var outcome = await myDays.CheckInAsync(me, booking.Id);

        factory.Transactions.Fired.Should().Be(1);
        outcome.Should().Be(MyDayCheckIn.NotYours);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var after = await db.Bookings.SingleAsync(b => b.Id == booking.Id);
        (after.PractitionerId, after.Status, after.CheckedInAtUtc).Should().Be(((int?)colleague, BookingStatus.Confirmed, (DateTime?)null));
    }
}

/// <summary>My day's check-in, the reassignment landing before its update included, on PostgreSQL.</summary>
public class MyDayOnPostgresTests : MyDayTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
