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
        (await myDays.CheckInAsync(me, theirBooking.Id)).Should().BeFalse("another practitioner's appointment is not in My day");
        (await myDays.CheckInAsync(me, myBooking.Id)).Should().BeTrue();
        (await myDays.CheckInAsync(me, myBooking.Id)).Should().BeFalse("a second click changes nothing");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == myBooking.Id)).Status.Should().Be(BookingStatus.Completed);
        (await db.Bookings.SingleAsync(b => b.Id == theirBooking.Id)).Status.Should().Be(BookingStatus.Confirmed);
        (await myDays.TodayAsync(await factory.StaffAsync(admin: true))).PractitionerId.Should().BeNull("the admin account has no profile");
    }
}
