namespace BookingPortal.Tests.Integration.Notifications;

/// <summary>Saved templates write the messages that follow, the outbox keeps the version each came from, in the customer's language.</summary>
public class MessageTemplateVersionTests : MessagingTestBase
{
    [Fact]
    public async Task Each_saved_version_writes_the_messages_after_it_and_the_outbox_keeps_which_version_each_came_from()
    {
        var staff = await Factory.StaffAsync();
        var store = Factory.Get<MessageTemplateStore>();
        var (before, _) = await Factory.BookAsync(slotIndex: 0);
        var first = DefaultTemplates.For(NotificationKind.BookingConfirmation, MessageLanguage.English) with { Subject = "v1: {{service}} at {{clinic}}" };

        (await store.SaveAsync(staff, NotificationKind.BookingConfirmation, MessageLanguage.English, first, basedOnVersion: 0)).Version.Should().Be(1);
        var (withFirst, _) = await Factory.BookAsync(slotIndex: 1);
        (await store.SaveAsync(staff, NotificationKind.BookingConfirmation, MessageLanguage.English, first with { Subject = "v2: {{service}}" }, basedOnVersion: 1))
            .Version.Should().Be(2);
        var stale = await store.SaveAsync(staff, NotificationKind.BookingConfirmation, MessageLanguage.English, first with { Subject = "late" }, basedOnVersion: 1);
        var (withSecond, _) = await Factory.BookAsync(slotIndex: 2);

        stale.Succeeded.Should().BeFalse("someone else saved version 2 meanwhile");
        stale.Errors.Single().Message.Should().StartWith("Someone else saved this template meanwhile.");
        await using var db = await Factory.DbFactory.CreateDbContextAsync();
        var versions = await db.MessageTemplates.OrderBy(t => t.Version).Select(t => new { t.Id, t.Version }).ToListAsync();
        var sent = await db.OutboxMessages.Where(m => m.Kind == NotificationKind.BookingConfirmation && m.Channel == NotificationChannel.Email)
            .OrderBy(m => m.Id).Select(m => new { m.BookingId, m.Subject, m.MessageTemplateId }).ToListAsync();
        sent.Should().HaveCount(3);
        sent[0].Should().Be(new { BookingId = (Guid?)before.Id, Subject = sent[0].Subject, MessageTemplateId = (long?)null }, "the built-in default has no version row");
        sent[0].Subject.Should().StartWith("Booked: Specialist Consultation on ");
        sent[1].Should().Be(new { BookingId = (Guid?)withFirst.Id, Subject = "v1: Specialist Consultation at BookingPortal", MessageTemplateId = (long?)versions[0].Id });
        sent[2].Should().Be(new { BookingId = (Guid?)withSecond.Id, Subject = "v2: Specialist Consultation", MessageTemplateId = (long?)versions[1].Id });
        var shownToStaff = await Factory.Get<OutboxAdminService>().GetAsync(staff, await db.OutboxMessages.Where(m => m.MessageTemplateId == versions[0].Id).Select(m => m.Id).FirstAsync());
        shownToStaff!.TemplateVersion.Should().Be("en v1", "the outbox page says which version wrote the message");
    }

    [Fact]
    public async Task A_template_with_an_unknown_placeholder_is_not_saved()
    {
        var draft = DefaultTemplates.For(NotificationKind.Reminder24h, MessageLanguage.Spanish) with { Sms = "{{nombre}} {{manage_link}}" };

        var result = await Factory.Get<MessageTemplateStore>().SaveAsync(
            await Factory.StaffAsync(), NotificationKind.Reminder24h, MessageLanguage.Spanish, draft, 0);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Be(new FieldError(nameof(TemplateText.Sms), "Unknown placeholder: {{nombre}}. Use one of the names listed."));
        await using var db = await Factory.DbFactory.CreateDbContextAsync();
        (await db.MessageTemplates.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_customer_who_books_in_Spanish_gets_the_confirmation_and_its_reminder_in_Spanish()
    {
        var (service, slot) = await Factory.FirstBookableSlotAsync(DemoSeeder.ConsultationName);
        var customer = (await Factory.CreateCustomersAsync(1))[0];
        await Factory.Get<CustomerLanguage>().RememberAsync(customer, "es-ES");
        var booked = await Factory.Get<BookingPortal.Features.Booking.BookingService>()
            .ReserveAsync(new BookingPortal.Features.Bookings.ReserveRequest(customer, service.Id, slot.StartUtc, "spanish-1"));
        booked.Succeeded.Should().BeTrue(booked.Message);
        Factory.Clock.SetUtcNow(new DateTimeOffset(slot.StartUtc.AddMinutes(-30), TimeSpan.Zero));
        (await Factory.Get<ReminderService>().QueueDueRemindersAsync()).Should().Be(1);

        var messages = (await Factory.OutboxAsync()).Where(m => m.CustomerId == customer && m.Channel == NotificationChannel.Email).ToList();
        messages.Select(m => m.Subject[..m.Subject.IndexOf(':')]).Should().Equal("Reservada", "Empieza pronto");
        messages[0].TextBody.Should().Contain("Su cita está reservada.").And.Contain("Número de confirmación");
        messages[0].HtmlBody.Should().Contain("<html lang=\"es\">");
    }

    [Fact]
    public async Task A_service_in_privacy_mode_sends_messages_and_a_calendar_file_that_name_only_the_clinic()
    {
        var service = await Factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var staff = await Factory.StaffAsync();
        (await Factory.Get<ServiceMessageSettings>().SaveAsync(staff, service.Id, new MessageSettings(ReminderPlan.Default, PrivacyMode: true))).Should().BeNull();

        var (booking, email) = await Factory.BookAsync();
        await Factory.OptInToSmsAsync(booking.CustomerId, "+1 212 555 0142");
        Factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddMinutes(-30), TimeSpan.Zero));
        await Factory.Get<ReminderService>().QueueDueRemindersAsync();

        var messages = (await Factory.OutboxAsync()).Where(m => m.CustomerId == booking.CustomerId).ToList();
        messages.Select(m => m.Channel).Should().Equal(NotificationChannel.Email, NotificationChannel.Email, NotificationChannel.Sms);
        messages.Where(m => m.Channel == NotificationChannel.Email).Should().OnlyContain(m => m.Subject == "Your appointment at BookingPortal");
        foreach (var message in messages)
        {
            string?[] parts = [message.Subject, message.TextBody, message.HtmlBody, message.AttachmentContent];
            parts.Should().NotContain(part => part != null && part.Contains(DemoSeeder.ConsultationName), "a service in privacy mode is never named");
        }

        messages[0].AttachmentContent.Should().Contain("SUMMARY:Your appointment at BookingPortal");
        email.Should().NotBeNullOrEmpty();
    }
}
