namespace BookingPortal.Tests.Integration.Notifications;

/// <summary>A service's own list of reminders goes exactly once each, with two reminder jobs racing at every tick.</summary>
public class ReminderPlanTests : MessagingTestBase
{
    private static readonly ReminderStep[] Plan =
    [
        new(72 * 60, ReminderChannels.Email),
        new(24 * 60, ReminderChannels.Email | ReminderChannels.Sms),
        new(4 * 60, ReminderChannels.Sms),
    ];

    [Fact]
    public async Task Over_a_simulated_week_each_reminder_of_the_list_goes_once_and_a_moved_booking_is_reminded_again()
    {
        var service = await Factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var staff = await Factory.StaffAsync();
        (await Factory.Get<ServiceMessageSettings>().SaveAsync(staff, service.Id, new MessageSettings(Plan, PrivacyMode: false))).Should().BeNull();
        var startedAt = Factory.Clock.GetUtcNow().UtcDateTime;
        var slots = (await Factory.BookableSlotsAsync(service)).Where(s => s.StartUtc > startedAt.AddDays(4)).ToList();
        var texted = await Factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var mailed = await Factory.BookAsNewCustomerAsync(service.Id, slots[1].StartUtc);
        var moved = await Factory.BookAsNewCustomerAsync(service.Id, slots[2].StartUtc);
        var later = slots.First(s => s.StartUtc > moved.StartUtc.AddDays(3));
        await Factory.OptInToSmsAsync(texted.CustomerId, "+1 212 555 0142");

        // Four-hour ticks (the shortest reminder's lead) from now until the moved booking's new time has passed: two reminder jobs run at once at each.
        // A reminder goes at the first tick inside its lead, so it tells how far off the start is then ("in 2 hours" for the 4-hour text).
        var movedYet = false;
        while (Factory.Clock.GetUtcNow().UtcDateTime <= later.StartUtc.AddHours(1))
        {
            await Race.AllAtOnceAsync<int>(
            [
                () => Factory.Get<ReminderService>().QueueDueRemindersAsync(),
                () => Factory.Get<ReminderService>().QueueDueRemindersAsync(),
            ]);
            if (!movedYet && Factory.Clock.GetUtcNow().UtcDateTime >= moved.StartUtc.AddHours(-70))
            {
                var result = await Factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(moved.ConfirmationNumber, staff.Id, IsStaff: true, later.StartUtc));
                result.Succeeded.Should().BeTrue(result.Message);
                movedYet = true;
            }

            Factory.Clock.Advance(TimeSpan.FromHours(4));
        }

        (Factory.Clock.GetUtcNow().UtcDateTime - startedAt).Should().BeGreaterThan(TimeSpan.FromDays(7), "the run covers a week");
        (await RemindersOfAsync(texted.Id)).Should().Equal(
            "Email: Reminder: Specialist Consultation in 3 days", "Email: Reminder: Specialist Consultation tomorrow",
            "Sms: Reminder: Specialist Consultation tomorrow", "Sms: Reminder: Specialist Consultation in 2 hours");
        (await RemindersOfAsync(mailed.Id)).Should().Equal(
            "Email: Reminder: Specialist Consultation in 3 days", "Email: Reminder: Specialist Consultation tomorrow");
        (await RemindersOfAsync(moved.Id)).Should().Equal(
            "Email: Reminder: Specialist Consultation in 3 days", "Email: Reminder: Specialist Consultation in 3 days", "Email: Reminder: Specialist Consultation tomorrow");
    }

    /// <summary>The 24-hour reminder went; five hours before the start staff add one three days ahead: it is not sent now.</summary>
    [Fact]
    public async Task A_reminder_added_to_the_list_after_a_nearer_one_went_is_not_sent_late()
    {
        var service = await Factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        // Booked well before the new reminder's three days, so only the list's order can keep it back.
        var booking = await Factory.BookAsNewCustomerAsync(service.Id, (await Factory.BookableSlotsAsync(service)).First(s => s.StartUtc > now.AddDays(4)).StartUtc);
        Factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-5), TimeSpan.Zero));
        (await Factory.Get<ReminderService>().QueueDueRemindersAsync()).Should().Be(1, "the default list's 24-hour reminder is due");

        (await Factory.Get<ServiceMessageSettings>().SaveAsync(await Factory.StaffAsync(), service.Id, new MessageSettings(
            [new(72 * 60, ReminderChannels.Email), new(24 * 60, ReminderChannels.Email), new(60, ReminderChannels.Email)], PrivacyMode: false))).Should().BeNull();

        (await Factory.Get<ReminderService>().QueueDueRemindersAsync()).Should().Be(0, "a reminder three days ahead would follow the one a day ahead");
        (await RemindersOfAsync(booking.Id)).Should().Equal(new[] { "Email: Reminder: Specialist Consultation in 5 hours" }, "queued late, it says how far off the start is now");
    }

    [Fact]
    public async Task A_list_with_a_bad_reminder_is_refused_and_an_empty_list_sends_none()
    {
        var service = await Factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var staff = await Factory.StaffAsync();
        var settings = Factory.Get<ServiceMessageSettings>();

        (await settings.SaveAsync(staff, service.Id, new MessageSettings([new(60, ReminderChannels.Email), new(60, ReminderChannels.Sms)], false)))
            .Should().Be("Two reminders cannot go at the same time.");
        (await settings.SaveAsync(staff, service.Id, new MessageSettings([new(60, ReminderChannels.None)], false))).Should().Be("Each reminder goes by e-mail, text message or both.");
        (await settings.SaveAsync(staff, service.Id, new MessageSettings([], false))).Should().BeNull();
        (await settings.GetAsync(staff, service.Id))!.Reminders.Should().BeEmpty();

        var (booking, _) = await Factory.BookAsync();
        Factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddMinutes(-30), TimeSpan.Zero));
        (await Factory.Get<ReminderService>().QueueDueRemindersAsync()).Should().Be(0, "the service sends no reminders");
    }

    /// <summary>"Channel: subject" of each reminder queued for the booking, in order, the subject without its date.</summary>
    private async Task<List<string>> RemindersOfAsync(Guid bookingId)
    {
        await using var db = await Factory.DbFactory.CreateDbContextAsync();
        var rows = await db.OutboxMessages.Where(m => m.BookingId == bookingId && (m.Kind == NotificationKind.Reminder24h || m.Kind == NotificationKind.Reminder1h))
            .OrderBy(m => m.Id).ThenBy(m => m.Channel).Select(m => new { m.Channel, m.Subject, m.TextBody }).ToListAsync();
        return rows.Select(r => $"{r.Channel}: {Trim(r.Channel == NotificationChannel.Sms ? r.TextBody : r.Subject)}").ToList();
    }

    private static string Trim(string text)
    {
        foreach (var end in new[] { " in 3 days", " in 2 hours", " in 5 hours", " tomorrow" })
        {
            var at = text.IndexOf(end, StringComparison.Ordinal);
            if (at >= 0)
            {
                return text[..(at + end.Length)];
            }
        }

        return text;
    }
}

/// <summary>The same on PostgreSQL, where the racing claims meet the unique key under real concurrency.</summary>
public class ReminderPlanOnPostgresTests : ReminderPlanTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
