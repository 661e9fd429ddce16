namespace BookingPortal.Tests.Integration.Practitioners;

public class TimeOffTests : TimeOffSuite
{
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
    public async Task Reassigning_a_hold_its_customer_is_still_paying_for_tells_them_nothing()
    {
        var timeOff = s.Factory.Get<TimeOffService>();
        var staff = await s.Factory.StaffAsync();
        await using (var db = await s.Factory.DbFactory.CreateDbContextAsync())
        {
            // The customer's own checkout hold (as Stripe's gateway makes it): they were never told it was booked.
            await db.Bookings.Where(b => b.Id == s.Inside.Id).ExecuteUpdateAsync(b => b
                .SetProperty(x => x.Status, BookingStatus.PendingPayment).SetProperty(x => x.ExpiresAtUtc, s.Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(10)));
        }

        var added = await timeOff.AddAsync(staff, s.Away, MorningOff(s));
        var reassigned = await timeOff.ReassignAsync(staff, added.Affected[0].Appointment, s.Colleague);

        reassigned.Succeeded.Should().BeTrue(reassigned.Message);
        await using var check = await s.Factory.DbFactory.CreateDbContextAsync();
        (await check.Bookings.SingleAsync(b => b.Id == s.Inside.Id)).PractitionerId.Should().Be(s.Colleague);
        (await check.OutboxMessages.AnyAsync(m => m.Kind == NotificationKind.PractitionerChanged && m.BookingId == s.Inside.Id))
            .Should().BeFalse("a hold lapsing unpaid would leave them believing they are booked with Dr Colleague");
    }
}
