using System.Globalization;
using BookingPortal.Tests.Integration.Notifications;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// Ranked choices booked at the turn on a portal that takes deposits online: the seat is held for the deposit while the
/// customer may be away, so they are told what to pay and by when; a "pay by" that comes too late is not sent.
/// </summary>
public class RankedChoicesDepositTests() : StripeSuite(scheduledJobs: false)
{
    private Service clinic = null!;
    private MessagingStandIn messaging = null!;

    public override async Task InitializeAsync()
    {
        messaging = await MessagingStandIn.StartAsync();
        await base.InitializeAsync();
        clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Services.Where(s => s.Id == clinic.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RequireDeposit, true).SetProperty(x => x.DepositAmount, 30m));
        factory.Clock.SetUtcNow(WeeklyRelease.Opening.AddMinutes(-30));
    }

    protected override PortalFactory NewPortal() => new StripePortalFactory(stripe, MessagingPortalFactory.Settings(messaging)) { Provider = Provider };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await messaging.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_booked_at_the_turn_with_a_deposit_to_pay_is_told_how_much_and_by_when()
    {
        var (booking, message) = await BookedAtTheTurnAsync();

        booking.Status.Should().Be(BookingStatus.PendingPayment);
        message.Subject.Should().Contain(booking.ConfirmationNumber);
        var payBy = TimeZoneInfo.ConvertTime(new DateTimeOffset(booking.ExpiresAtUtc!.Value), clinic.TimeZone);
        message.TextBody.Should().Contain("Your turn came and we booked your first free choice.")
            .And.Contain($"Please pay the deposit of $30.00 by {DisplayFormat.ShortDate(payBy)} {DisplayFormat.Time(payBy)}")
            .And.Contain($"bookings/{booking.ConfirmationNumber}");
        await factory.Get<OutboxDispatcher>().DispatchDueAsync();
        (await MessageAsync(message.Id)).Status.Should().Be(OutboxStatus.Sent);
        messaging.Emails.Should().ContainSingle(e => e.OutboxId == message.Id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_customer_who_takes_texts_is_also_texted_the_deposit_to_pay()
    {
        var (booking, _) = await BookedAtTheTurnAsync(takesTexts: true);

        await factory.Get<OutboxDispatcher>().DispatchDueAsync();

        messaging.TextMessages.Should().ContainSingle(t => t.To == "+12125550142").Which.Body
            .Should().StartWith("Booked for you: ").And.Contain("Please pay the deposit of $30.00 by").And.Contain($"bookings/{booking.ConfirmationNumber}");
    }

    [Fact]
    public async Task A_customer_told_of_a_booking_made_at_the_turn_hears_when_staff_cancel_it()
    {
        var (booking, _) = await BookedAtTheTurnAsync();
        var staff = await factory.StaffAsync();

        var cancelled = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, staff.Id, IsStaff: true));

        cancelled.Succeeded.Should().BeTrue(cancelled.Message);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.OutboxMessages.CountAsync(m => m.BookingId == booking.Id && m.Kind == NotificationKind.Cancellation && m.Channel == NotificationChannel.Email))
            .Should().Be(1, "they were told to pay for it");
    }

    [Fact]
    public async Task A_deposit_message_still_waiting_when_the_hold_ends_is_not_sent()
    {
        var (booking, message) = await BookedAtTheTurnAsync();

        factory.Clock.SetUtcNow(booking.ExpiresAtUtc!.Value);
        await factory.Get<OutboxDispatcher>().DispatchDueAsync();

        var after = await MessageAsync(message.Id);
        after.Status.Should().Be(OutboxStatus.Skipped);
        after.LastError.Should().Be("Not sent: the deposit was paid or its hold had ended.");
        messaging.Emails.Should().NotContain(e => e.OutboxId == message.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>One customer ranks a time while waiting; the opening's tick books it and writes the message in its transaction.</summary>
    private async Task<(Booking Booking, OutboxMessage Message)> BookedAtTheTurnAsync(bool takesTexts = false)
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        if (takesTexts)
        {
            await factory.OptInToSmsAsync(customer, "+1 212 555 0142");
        }

        var entry = (await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null)).Entry!.Id;
        var book = factory.Get<RankedChoiceBook>();
        var slot = (await book.OptionsAsync(clinic.Id)).First(s => s.StartUtc > WeeklyRelease.Opening.UtcDateTime.AddHours(25)).StartUtc;
        (await book.SaveAsync(entry, customer, [slot], AnswersGiven.None)).Saved.Should().BeTrue();

        factory.Clock.SetUtcNow(WeeklyRelease.Opening);
        await factory.Get<AdmissionController>().TickAllAsync();

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var booking = await db.Bookings.SingleAsync(b => b.CustomerId == customer);
        var messages = await db.OutboxMessages.Where(m => m.BookingId == booking.Id && m.Kind == NotificationKind.DepositDue).ToListAsync();
        return (booking, messages.Should().ContainSingle(m => m.Channel == NotificationChannel.Email).Subject);
    }

    private async Task<OutboxMessage> MessageAsync(long id)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.OutboxMessages.SingleAsync(m => m.Id == id);
    }
}

/// <summary>The same on PostgreSQL, where the admission's transaction and the message's read really share one connection.</summary>
public class RankedChoicesDepositOnPostgresTests : RankedChoicesDepositTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
