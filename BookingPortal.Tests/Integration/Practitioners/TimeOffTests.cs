namespace BookingPortal.Tests.Integration.Practitioners;

public class TimeOffTests() : PortalSuite(scheduledJobs: false)
{
    private sealed record Setup(PortalFactory Factory, int Away, int Colleague, Features.Bookings.BookingView Inside, Features.Bookings.BookingView Outside, DateOnly Day);

    private Setup s = null!;

    /// <summary>Two bookings of one practitioner on one day, the first inside the time off a test adds, and a colleague for the same service.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var away = await factory.CreatePractitionerAsync("Dr Away", service.Id);
        var colleague = await factory.CreatePractitionerAsync("Dr Colleague", service.Id);
        var slots = await factory.BookableSlotsAsync(service);
        var day = slots.Where(s => s.LocalStart.Date == slots[0].LocalStart.Date).ToList();
        var inside = await factory.BookAsNewCustomerAsync(service.Id, day[0].StartUtc);
        var outside = await factory.BookAsNewCustomerAsync(service.Id, day[^1].StartUtc);
        await factory.AssignAsync(inside.Id, away);
        await factory.AssignAsync(outside.Id, away);
        await WorkingAllDayAsync(factory, colleague);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // Named practitioners from here on (after the bookings, so the booking path's choice does not matter to the test).
            await db.Services.Where(x => x.Id == service.Id).ExecuteUpdateAsync(x => x.SetProperty(v => v.BooksPractitioners, true));
        }

        s = new Setup(factory, away, colleague, inside, outside, DateOnly.FromDateTime(day[0].LocalStart.DateTime));
    }

    private static async Task WorkingAllDayAsync(PortalFactory factory, int practitioner) =>
        await factory.Get<PractitionerAdminService>().SaveHoursAsync(await factory.StaffAsync(), practitioner,
            Enum.GetValues<DayOfWeek>().Select(d => new HoursDraft { Day = d, Start = new(6, 0), End = new(22, 0) }).ToList());

    private static ExceptionDraft MorningOff(Setup s) => new()
    {
        Kind = AvailabilityExceptionKind.TimeOff, FromDate = s.Day, FromTime = TimeOnly.FromDateTime(s.Inside.LocalStart.DateTime), ToTime = TimeOnly.FromDateTime(s.Inside.LocalEnd.DateTime), Reason = "Dentist",
    };

    [Fact]
    public async Task Time_off_over_a_booking_lists_it_with_the_colleagues_who_perform_the_service_and_leaves_the_others()
    {
        var result = await s.Factory.Get<TimeOffService>().AddAsync(await s.Factory.StaffAsync(), s.Away, MorningOff(s));

        result.Errors.Should().BeEmpty();
        var affected = result.Affected.Should().ContainSingle().Subject;
        affected.Appointment.ConfirmationNumber.Should().Be(s.Inside.ConfirmationNumber);
        affected.Colleagues.Select(c => c.Id).Should().Contain(s.Colleague).And.NotContain(s.Away, "the colleague works then; the one away does not count");
        (await s.Factory.Get<TimeOffService>().AffectedAsync(await s.Factory.StaffAsync(), result.ExceptionId!.Value)).Should().HaveCount(1);
    }

    [Fact]
    public async Task Cancelling_a_booking_in_time_off_refunds_in_full_tells_the_customer_and_frees_the_seat_as_closing_a_slot_does()
    {
        var timeOff = s.Factory.Get<TimeOffService>();
        var staff = await s.Factory.StaffAsync();
        var added = await timeOff.AddAsync(staff, s.Away, MorningOff(s));

        var cancelled = await timeOff.CancelAsync(staff, added.Affected[0].Appointment);
        var again = await timeOff.CancelAsync(staff, added.Affected[0].Appointment);

        cancelled.Succeeded.Should().BeTrue(cancelled.Message);
        again.Succeeded.Should().BeFalse("the booking is cancelled once");
        (await timeOff.AffectedAsync(staff, added.ExceptionId!.Value)).Should().BeEmpty();
        await using var db = await s.Factory.DbFactory.CreateDbContextAsync();
        var booking = await db.Bookings.SingleAsync(b => b.Id == s.Inside.Id);
        booking.Status.Should().Be(BookingStatus.Cancelled);
        booking.CancellationReason.Should().Be(TimeOffService.CancelledReason);
        (await db.LedgerEntries.Where(e => e.BookingId == s.Inside.Id && e.Kind == LedgerEntryKind.DepositWaived).SumAsync(e => e.Amount))
            .Should().Be(booking.DepositAmount, "the whole deposit is released, as when a slot is closed with its bookings");
        (await db.OutboxMessages.CountAsync(m => m.Kind == NotificationKind.Cancellation && m.BookingId == s.Inside.Id)).Should().Be(1);
        (await db.SlotInventories.SingleAsync(i => i.Id == booking.SlotInventoryId)).Booked.Should().Be(0, "the seat is free again");
        (await db.Bookings.SingleAsync(b => b.Id == s.Outside.Id)).Status.Should().Be(BookingStatus.Confirmed);
    }

    [Fact]
    public async Task Wrong_dates_are_refused_beside_their_fields_and_extra_hours_list_no_bookings()
    {
        var timeOff = s.Factory.Get<TimeOffService>();
        var staff = await s.Factory.StaffAsync();

        var noStart = await timeOff.AddAsync(staff, s.Away, new ExceptionDraft { Reason = "?" });
        var backwards = await timeOff.AddAsync(staff, s.Away, new ExceptionDraft { FromDate = s.Day, ToDate = s.Day.AddDays(-2) });
        var lastDayThereIs = await timeOff.AddAsync(staff, s.Away, new ExceptionDraft { FromDate = DateOnly.MaxValue });
        var extraHours = MorningOff(s);
        extraHours.Kind = AvailabilityExceptionKind.ExtraHours;
        var extra = await timeOff.AddAsync(staff, s.Away, extraHours);

        noStart.Errors.Select(e => e.Field).Should().Equal("FromDate");
        backwards.Errors.Select(e => e.Field).Should().Equal("ToDate");
        lastDayThereIs.Errors.Should().Equal(new FieldError("ToDate", "Choose a date before the year 3000."));
        extra.Errors.Should().BeEmpty();
        extra.Affected.Should().BeEmpty("extra hours take no booking away");
    }

    [Fact]
    public async Task Reassigning_gives_the_booking_to_a_free_colleague_tells_the_customer_and_refuses_one_who_is_not_free()
    {
        var timeOff = s.Factory.Get<TimeOffService>();
        var staff = await s.Factory.StaffAsync();
        var added = await timeOff.AddAsync(staff, s.Away, MorningOff(s));
        var appointment = added.Affected[0].Appointment;
        var idle = await s.Factory.CreatePractitionerAsync("Dr No Hours", appointment.ServiceId);

        var refused = await timeOff.ReassignAsync(staff, appointment, idle);
        var reassigned = await timeOff.ReassignAsync(staff, appointment, s.Colleague);

        refused.Succeeded.Should().BeFalse(refused.Message);
        reassigned.Succeeded.Should().BeTrue(reassigned.Message);
        (await timeOff.AffectedAsync(staff, added.ExceptionId!.Value)).Should().BeEmpty();
        await using var db = await s.Factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == s.Inside.Id)).PractitionerId.Should().Be(s.Colleague);
        var told = await db.OutboxMessages.Where(m => m.Kind == NotificationKind.PractitionerChanged && m.BookingId == s.Inside.Id).ToListAsync();
        told.Should().ContainSingle().Which.TextBody.Should().Contain("Dr Colleague will see you instead");
    }

    [Fact]
    public async Task A_cancel_or_a_reassignment_from_a_list_drawn_before_a_colleague_took_the_booking_changes_nothing()
    {
        var (timeOff, staff) = (s.Factory.Get<TimeOffService>(), await s.Factory.StaffAsync());
        var listed = (await timeOff.AddAsync(staff, s.Away, MorningOff(s))).Affected[0].Appointment;
        var third = await s.Factory.CreatePractitionerAsync("Dr Third", listed.ServiceId);
        await WorkingAllDayAsync(s.Factory, third);
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

/// <summary>The same time off on PostgreSQL, where the row locks and the conditional updates are the server's.</summary>
public class TimeOffOnPostgresTests : TimeOffTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
