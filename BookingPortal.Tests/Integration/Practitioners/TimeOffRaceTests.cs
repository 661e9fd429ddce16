namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>Staff acting on a time-off list while a colleague, the customer or another staff member changes the booking.</summary>
public class TimeOffRaceTests : TimeOffSuite
{
    [Fact]
    public async Task A_cancel_or_a_reassignment_from_a_list_drawn_before_a_colleague_took_the_booking_changes_nothing()
    {
        var (timeOff, staff) = (s.Factory.Get<TimeOffService>(), await s.Factory.StaffAsync());
        var listed = (await timeOff.AddAsync(staff, s.Away, MorningOff(s))).Affected[0].Appointment;
        var third = await s.Factory.CreatePractitionerAsync("Dr Third", listed.ServiceId);
        await s.Factory.WorkingAllDayAsync(third);
        (await timeOff.ReassignAsync(staff, listed, s.Colleague)).Succeeded.Should().BeTrue("a first member of staff gives it to the colleague");

        var cancelled = await timeOff.CancelAsync(staff, listed);
        var givenAgain = await timeOff.ReassignAsync(staff, listed, third);

        cancelled.Succeeded.Should().BeFalse("the booking is no longer the absent practitioner's: {0}", cancelled.Message);
        givenAgain.Should().Be(new ReassignResult(false, "This booking changed meanwhile; look at the list again."));
        await AssertStillWithAsync(s.Colleague, listed.StartUtc);
    }

    [Fact]
    public async Task A_reassignment_from_a_list_drawn_before_the_customer_moved_the_booking_changes_nothing()
    {
        var (timeOff, staff) = (s.Factory.Get<TimeOffService>(), await s.Factory.StaffAsync());
        var listed = (await timeOff.AddAsync(staff, s.Away, MorningOff(s))).Affected[0].Appointment;
        var movedTo = listed.StartUtc.AddDays(1);
        await using (var db = await s.Factory.DbFactory.CreateDbContextAsync())
        {
            // The customer's move, out of the time off and still with the practitioner they chose.
            await db.Bookings.Where(b => b.Id == listed.BookingId).ExecuteUpdateAsync(b => b.SetProperty(x => x.StartUtc, movedTo).SetProperty(x => x.EndUtc, listed.EndUtc.AddDays(1)));
        }

        (await timeOff.ReassignAsync(staff, listed, s.Colleague)).Succeeded.Should().BeFalse();
        await AssertStillWithAsync(s.Away, movedTo);
    }

    [Fact]
    public async Task A_reassignment_landing_between_a_time_off_cancel_s_read_and_its_transaction_keeps_the_booking()
    {
        var (timeOff, staff) = (s.Factory.Get<TimeOffService>(), await s.Factory.StaffAsync());
        var listed = (await timeOff.AddAsync(staff, s.Away, MorningOff(s))).Affected[0].Appointment;
        s.Factory.Transactions.BeforeNext(async () =>
            (await s.Factory.Get<PractitionerReassignment>().ReassignAsync(listed.BookingId, s.Colleague)).Should().Be(ReassignmentOutcome.Reassigned));

        var cancelled = await timeOff.CancelAsync(staff, listed);

        s.Factory.Transactions.Fired.Should().Be(1, "the reassignment landed between the cancel's read and its transaction");
        cancelled.Succeeded.Should().BeFalse(cancelled.Message);
        await AssertStillWithAsync(s.Colleague, listed.StartUtc);
        (await SeatInvariants.ViolationsAsync(s.Factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_cancel_and_a_reassignment_of_one_listed_booking_at_once_do_exactly_one_thing()
    {
        var (timeOff, staff) = (s.Factory.Get<TimeOffService>(), await s.Factory.StaffAsync());
        var listed = (await timeOff.AddAsync(staff, s.Away, MorningOff(s))).Affected[0].Appointment;

        var (cancelled, reassigned) = await Race.BothAtOnceAsync(() => timeOff.CancelAsync(staff, listed), () => timeOff.ReassignAsync(staff, listed, s.Colleague));

        (cancelled.Succeeded ^ reassigned.Succeeded).Should().BeTrue($"one wins: cancel said \"{cancelled.Message}\", reassignment \"{reassigned.Message}\"");
        await using var db = await s.Factory.DbFactory.CreateDbContextAsync();
        var after = await db.Bookings.SingleAsync(b => b.Id == listed.BookingId);
        (after.Status, after.PractitionerId).Should().Be(cancelled.Succeeded ? (BookingStatus.Cancelled, s.Away) : (BookingStatus.Confirmed, s.Colleague));
        (await SeatInvariants.ViolationsAsync(s.Factory)).Should().BeEmpty();
    }

    private async Task AssertStillWithAsync(int practitioner, DateTime startUtc)
    {
        await using var db = await s.Factory.DbFactory.CreateDbContextAsync();
        var booking = await db.Bookings.SingleAsync(b => b.Id == s.Inside.Id);
        (booking.Status, booking.PractitionerId, booking.StartUtc).Should().Be((BookingStatus.Confirmed, (int?)practitioner, startUtc));
        (await db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.Cancellation && m.BookingId == s.Inside.Id)).Should().Be(0);
    }
}

/// <summary>The same races on PostgreSQL, where the row locks and the conditional updates are the server's.</summary>
public class TimeOffRaceOnPostgresTests : TimeOffRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
