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

/// <summary>
/// Time off against a booking inside its transaction, on PostgreSQL only: SQLite runs one writer at a time, so there
/// the time off cannot save while the booking's transaction is open (and this test, holding that transaction open
/// until the time off is saved, would wait on itself).
/// </summary>
public class TimeOffLockOnPostgresTests : TimeOffSuite
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <summary>
    /// Time off saved while a booking with the practitioner is about to commit, having read their hours without it: the
    /// time off waits for the booking and lists it. Without the practitioner's lock a server database saved the time
    /// off at once and listed their bookings without this one, which then landed in the time off unseen.
    /// </summary>
    [Fact]
    public async Task Time_off_saved_while_a_booking_with_that_practitioner_commits_lists_that_booking()
    {
        var (timeOff, staff) = (s.Factory.Get<TimeOffService>(), await s.Factory.StaffAsync());
        var service = await s.Factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var slot = (await s.Factory.BookableSlotsAsync(service)).First(x => x.StartUtc != s.Inside.StartUtc && x.StartUtc != s.Outside.StartUtc);
        var customer = (await s.Factory.CreateCustomersAsync(1))[0];
        var off = new ExceptionDraft
        {
            Kind = AvailabilityExceptionKind.TimeOff, FromDate = DateOnly.FromDateTime(slot.LocalStart.DateTime), FromTime = TimeOnly.FromDateTime(slot.LocalStart.DateTime),
            ToTime = TimeOnly.FromDateTime(slot.LocalStart.DateTime).AddMinutes(service.DurationMinutes), Reason = "Called away",
        };
        Task<TimeOffResult>? adding = null;
        s.Factory.Transactions.BeforeNextCommit(async () =>
        {
            adding = timeOff.AddAsync(staff, s.Colleague, off);
            // Long enough for an unlocked save to finish; a locked one cannot until this booking commits.
            await Task.WhenAny(adding, Task.Delay(TimeSpan.FromSeconds(1)));
        });

        var booked = await s.Factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "k", PractitionerId: s.Colleague));

        booked.Succeeded.Should().BeTrue(booked.Message);
        var added = await adding!;
        added.Errors.Should().BeEmpty();
        added.Affected.Select(a => a.Appointment.BookingId).Should().Contain(booked.Booking!.Id, "the booking committed in the time off, so staff must be shown it");
    }
}
