using Ical.Net;

namespace BookingPortal.Tests.Integration.Notifications;

/// <summary>Each change that concerns a customer writes its message in the same transaction.</summary>
public class NotificationEventTests
{
    [Fact]
    public async Task A_cancellation_says_what_happened_to_the_money_and_removes_the_same_calendar_event()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        var (booking, email) = await factory.BookAsync();
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-10), TimeSpan.Zero));

        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false))).Succeeded.Should().BeTrue();

        var messages = await factory.OutboxAsync();
        messages.Select(m => m.Kind).Should().Equal(NotificationKind.BookingConfirmation, NotificationKind.Cancellation);
        var cancellation = messages[1];
        cancellation.Recipient.Should().Be(email);
        cancellation.TextBody.Should().Contain("A late-cancellation fee of $25.00 is kept; $25.00 of the deposit is refunded or no longer due.");
        var original = Calendar.Load(messages[0].AttachmentContent!)!;
        var update = Calendar.Load(cancellation.AttachmentContent!)!;
        update.Method.Should().Be("CANCEL");
        update.Events.Single().Uid.Should().Be(original.Events.Single().Uid);
        update.Events.Single().Sequence.Should().BeGreaterThan(original.Events.Single().Sequence);
    }

    [Fact]
    public async Task A_move_tells_the_old_and_the_new_time_and_updates_the_calendar_event()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        var (booking, _) = await factory.BookAsync(slotIndex: 0);
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var later = (await factory.BookableSlotsAsync(service)).First(s => s.StartUtc > booking.StartUtc.AddDays(1));

        var moved = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false, later.StartUtc));

        moved.Succeeded.Should().BeTrue(moved.Message);
        var message = (await factory.OutboxAsync()).Single(m => m.Kind == NotificationKind.Rescheduled);
        message.TextBody.Should().Contain($"moved from {Features.Catalog.DisplayFormat.Date(booking.LocalStart)}, {Features.Catalog.DisplayFormat.Time(booking.LocalStart)}")
            .And.Contain($"When: {Features.Catalog.DisplayFormat.Date(later.LocalStart)}");
        var calendarEvent = Calendar.Load(message.AttachmentContent!)!.Events.Single();
        calendarEvent.Uid.Should().Be(CalendarFile.Uid(booking));
        calendarEvent.DtStart!.AsUtc.Should().Be(later.StartUtc);
    }

    [Fact]
    public async Task A_seat_offered_from_the_waitlist_is_announced_by_email_and_by_text_to_those_who_opted_in()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.VideoConsultationName);
        var customers = await factory.CreateCustomersAsync(2);
        var holder = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customers[0], service.Id, slot.StartUtc, "k"))).Booking!;
        await factory.OptInToSmsAsync(customers[1], "+44 20 7946 0958");
        var joined = await factory.Get<WaitlistJoining>().JoinAsync(customers[1], service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc);
        joined.Outcome.Should().Be(JoinWaitlistOutcome.Joined);

        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(holder.ConfirmationNumber, holder.CustomerId, IsStaff: false))).Succeeded.Should().BeTrue();

        var offers = (await factory.OutboxAsync()).Where(m => m.Kind == NotificationKind.WaitlistSeatOffered).ToList();
        offers.Select(m => m.Channel).Should().BeEquivalentTo([NotificationChannel.Email, NotificationChannel.Sms]);
        offers.Should().OnlyContain(m => m.CustomerId == customers[1] && m.WaitlistEntryId == joined.EntryId);
        offers.Single(m => m.Channel == NotificationChannel.Sms).Recipient.Should().Be("+442079460958");
        offers.Single(m => m.Channel == NotificationChannel.Email).TextBody.Should().Contain("my/appointments").And.Contain("holding it for you until");
    }

    [Fact]
    public async Task A_deposit_paid_online_confirms_once_and_a_replayed_webhook_queues_nothing_more()
    {
        await using var stripe = await StripeStandIn.StartAsync();
        await using var factory = new StripePortalFactory(stripe);
        await factory.StartWithoutScheduledJobsAsync();
        var (booking, _) = await factory.BookAsync();
        (await factory.OutboxAsync()).Should().BeEmpty("a seat held for payment is not booked yet");

        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_once", 50m);
        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_once", 50m);

        (await factory.OutboxAsync()).Should().ContainSingle(m => m.Kind == NotificationKind.BookingConfirmation && m.BookingId == booking.Id)
            .And.HaveCount(1);
    }
}
