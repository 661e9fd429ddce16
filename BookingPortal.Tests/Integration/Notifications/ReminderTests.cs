namespace BookingPortal.Tests.Integration.Notifications;

public class ReminderTests : MessagingTestBase
{
    [Fact]
    public async Task Over_a_simulated_day_each_booking_gets_each_reminder_once_even_with_jobs_and_dispatchers_racing()
    {
        // Four bookings of one slot: more than the demo consultation's two specialists a slot give.
        var simple = await Factory.SimpleConsultationAsync();
        var booked = new List<(BookingView Booking, string Email)>();
        for (var i = 0; i < 3; i++)
        {
            booked.Add(await Factory.BookAsync(service: simple));
        }

        var cancelled = await Factory.BookAsync(service: simple);
        await Factory.OptInToSmsAsync(booked[0].Booking.CustomerId, "+1 212 555 0142");
        (await Factory.Get<CancellationService>().CancelAsync(new CancelRequest(cancelled.Booking.ConfirmationNumber, cancelled.Booking.CustomerId, IsStaff: false)))
            .Succeeded.Should().BeTrue();
        var startUtc = booked[0].Booking.StartUtc;

        // From 25 hours before the appointment to just after it, in 10-minute ticks; at every tick
        // two reminder jobs and two dispatchers run at the same moment.
        Factory.Clock.SetUtcNow(new DateTimeOffset(startUtc.AddHours(-25), TimeSpan.Zero));
        while (Factory.Clock.GetUtcNow().UtcDateTime <= startUtc.AddMinutes(10))
        {
            await Race.AllAtOnceAsync<int>(
            [
                () => Factory.Get<ReminderService>().QueueDueRemindersAsync(),
                () => Factory.Get<ReminderService>().QueueDueRemindersAsync(),
                () => Factory.Get<OutboxDispatcher>().DispatchDueAsync(),
                () => Factory.Get<OutboxDispatcher>().DispatchDueAsync(),
            ]);
            Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var emails = StandIn.Emails.ToList();
        foreach (var (_, email) in booked)
        {
            emails.Count(e => e.To == email && e.Subject.StartsWith("Reminder:", StringComparison.Ordinal)).Should().Be(1);
            emails.Count(e => e.To == email && e.Subject.StartsWith("Starting soon:", StringComparison.Ordinal)).Should().Be(1);
        }

        emails.Where(e => e.To == cancelled.Email).Select(e => e.Subject).Should().OnlyContain(s => s.StartsWith("Booked:") || s.StartsWith("Cancelled:"));
        StandIn.TextMessages.Select(t => t.To).Should().Equal("+12125550142", "+12125550142");
        StandIn.TextMessages.Should().ContainSingle(t => t.Body.StartsWith("Reminder:")).And.ContainSingle(t => t.Body.StartsWith("Starting soon:"));
        var reminders = (await Factory.OutboxAsync()).Where(m => m.Kind == NotificationKind.Reminder24h && m.Channel == NotificationChannel.Email).ToList();
        reminders.Should().HaveCount(3).And.OnlyContain(m => m.CreatedAtUtc >= startUtc.AddHours(-24) && m.CreatedAtUtc < startUtc.AddHours(-24).AddMinutes(10),
            "the day-before reminder goes at the first run after it is due");
    }

    [Fact]
    public async Task After_downtime_a_late_reminder_still_goes_before_the_start_but_never_after_it()
    {
        var (early, earlyEmail) = await Factory.BookAsync(slotIndex: 0);
        var reminders = Factory.Get<ReminderService>();

        // The app was down through the 24-hour mark and comes back 30 minutes before the start.
        Factory.Clock.SetUtcNow(new DateTimeOffset(early.StartUtc.AddMinutes(-30), TimeSpan.Zero));
        (await reminders.QueueDueRemindersAsync()).Should().Be(1, "only the one-hour reminder still makes sense");
        (await reminders.QueueDueRemindersAsync()).Should().Be(0);
        Factory.Clock.SetUtcNow(new DateTimeOffset(early.StartUtc.AddMinutes(1), TimeSpan.Zero));
        (await reminders.QueueDueRemindersAsync()).Should().Be(0);

        var queued = (await Factory.OutboxAsync()).Where(m => m.Recipient == earlyEmail).Select(m => m.Kind).ToList();
        queued.Should().Equal(NotificationKind.BookingConfirmation, NotificationKind.Reminder1h);
    }

    [Fact]
    public async Task Nothing_is_sent_for_an_appointment_that_has_already_started_when_the_app_comes_back()
    {
        var (booking, _) = await Factory.BookAsync();
        Factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddMinutes(5), TimeSpan.Zero));

        (await Factory.Get<ReminderService>().QueueDueRemindersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_reminder_queued_before_a_cancellation_is_not_sent_after_it()
    {
        var (booking, email) = await Factory.BookAsync();
        Factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-23), TimeSpan.Zero));
        (await Factory.Get<ReminderService>().QueueDueRemindersAsync()).Should().Be(1);
        (await Factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: true, Reason: "Phoned in")))
            .Succeeded.Should().BeTrue();

        await Factory.Get<OutboxDispatcher>().DispatchDueAsync();

        StandIn.Emails.Where(e => e.To == email).Select(e => e.Subject[..e.Subject.IndexOf(':')]).Should().BeEquivalentTo("Booked", "Cancelled");
        var reminder = (await Factory.OutboxAsync()).Single(m => m.Kind == NotificationKind.Reminder24h);
        reminder.Status.Should().Be(OutboxStatus.Skipped);
        reminder.LastError.Should().Contain("Cancelled");
    }

    /// <summary>
    /// Two dispatchers share out one reminder's e-mail and text: the one written second may go first. It is the same news,
    /// not a later message, so the other still goes (the simulated day's race lost an e-mail reminder this way).
    /// </summary>
    [Fact]
    public async Task A_reminder_still_goes_on_one_channel_when_its_other_channel_went_first()
    {
        var (booking, _) = await Factory.BookAsync();
        await Factory.OptInToSmsAsync(booking.CustomerId, "+1 212 555 0143");
        Factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-23), TimeSpan.Zero));
        (await Factory.Get<ReminderService>().QueueDueRemindersAsync()).Should().Be(1);
        long first;
        await using (var db = await Factory.DbFactory.CreateDbContextAsync())
        {
            var ids = await db.OutboxMessages.Where(m => m.BookingId == booking.Id && m.Kind == NotificationKind.Reminder24h).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
            ids.Should().HaveCount(2, "an e-mail and a text");
            first = ids[0];
            await db.OutboxMessages.Where(m => m.Id == ids[1]).ExecuteUpdateAsync(m => m.SetProperty(x => x.Status, OutboxStatus.Sent));
        }

        await Factory.Get<OutboxDispatcher>().DispatchDueAsync();

        (await Factory.OutboxAsync()).Single(m => m.Id == first).Status.Should().Be(OutboxStatus.Sent);
    }

    /// <summary>Staff move the booking a week on between the job's read and its claim: no reminder says "tomorrow" of next week.</summary>
    [Fact]
    public async Task A_booking_moved_while_its_reminder_is_claimed_is_not_reminded_for_the_old_time()
    {
        var (booking, _) = await Factory.BookAsync(slotIndex: 0);
        var service = await Factory.ServiceNamedAsync(BookingPortal.Data.DemoSeeder.ConsultationName);
        var later = (await Factory.BookableSlotsAsync(service)).First(s => s.StartUtc > booking.StartUtc.AddDays(6));
        var staff = await Factory.StaffAsync();
        Factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-20), TimeSpan.Zero));
        Factory.Transactions.BeforeNext(async () =>
            (await Factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, staff.Id, IsStaff: true, later.StartUtc))).Succeeded.Should().BeTrue());

        (await Factory.Get<ReminderService>().QueueDueRemindersAsync()).Should().Be(0);

        Factory.Transactions.Fired.Should().Be(1, "the move landed between the job's read and its claim");
        await using var db = await Factory.DbFactory.CreateDbContextAsync();
        (await db.OutboxMessages.CountAsync(m => m.BookingId == booking.Id && m.Kind == NotificationKind.Reminder24h)).Should().Be(0);
    }

    [Fact]
    public async Task A_moved_booking_is_reminded_again_for_its_new_time()
    {
        var (booking, _) = await Factory.BookAsync(slotIndex: 0);
        var service = await Factory.ServiceNamedAsync(BookingPortal.Data.DemoSeeder.ConsultationName);
        var later = (await Factory.BookableSlotsAsync(service)).First(s => s.StartUtc > booking.StartUtc.AddDays(2));
        Factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-20), TimeSpan.Zero));
        (await Factory.Get<ReminderService>().QueueDueRemindersAsync()).Should().Be(1);

        // 20 hours before the start only staff may still move it (the customer's change cutoff is 48 hours).
        var staff = await Factory.StaffAsync();
        var moved = await Factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, staff.Id, IsStaff: true, later.StartUtc));
        moved.Succeeded.Should().BeTrue(moved.Message);
        Factory.Clock.SetUtcNow(new DateTimeOffset(later.StartUtc.AddHours(-20), TimeSpan.Zero));
        (await Factory.Get<ReminderService>().QueueDueRemindersAsync()).Should().Be(1);

        await using var db = await Factory.DbFactory.CreateDbContextAsync();
        var kinds = await db.OutboxMessages.Where(m => m.BookingId == booking.Id).OrderBy(m => m.Id).Select(m => m.Kind).ToListAsync();
        kinds.Should().Equal(NotificationKind.BookingConfirmation, NotificationKind.Reminder24h, NotificationKind.Rescheduled, NotificationKind.Reminder24h);
    }
}

/// <summary>Reminders, racing jobs included, on PostgreSQL.</summary>
public class ReminderOnPostgresTests : ReminderTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
