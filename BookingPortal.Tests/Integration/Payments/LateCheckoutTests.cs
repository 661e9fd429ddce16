using BookingPortal.Features.Booking.Components;
using BookingPortal.Features.Localization;
using Microsoft.Extensions.Localization;
using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// The edges of a checkout near its hold's end: a press with seconds left, a press that died mid-call, a portal switched
/// back to pay at reception with sessions still open, and what a late payment's booking then says about the money.
/// </summary>
public class LateCheckoutTests() : StripeSuite(scheduledJobs: false)
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(10);


    [Fact]
    public async Task A_payment_that_came_after_the_release_is_said_to_be_charged_late_and_refunded_not_released()
    {
        var booking = await ReleasedAsync();

        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_after_release", 50m);

        var line = AppointmentList.MoneyNote(await ViewAsync(booking), factory.Get<IStringLocalizer<PortalText>>());
        line.Should().Be("Deposit of $50.00 charged after the seat was released · refunded in full");
        using (TestSupport.Localization.InCulture("es-ES"))
        {
            AppointmentList.MoneyNote(await ViewAsync(booking), factory.Get<IStringLocalizer<PortalText>>())
                .Should().StartWith("Depósito de ").And.Contain("cobrado después de liberarse la plaza · devuelto íntegramente");
        }
    }

    [Fact]
    public async Task A_late_payment_whose_refund_is_not_sent_yet_is_said_to_be_being_refunded()
    {
        var booking = await ReleasedAsync();
        stripe.ScriptRefunds(StripeStandIn.RefundAnswer.ServerError);

        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_after_release", 50m);

        AppointmentList.MoneyNote(await ViewAsync(booking), factory.Get<IStringLocalizer<PortalText>>())
            .Should().Be("Deposit of $50.00 charged after the seat was released · being refunded");
    }

    [Fact]
    public async Task A_late_payment_delivered_again_and_again_tells_the_customer_once_by_e_mail_that_it_is_refunded()
    {
        var booking = await ReleasedAsync();
        using var client = factory.CreateClient();
        var payload = StripeStandIn.CheckoutCompletedEvent("evt_late", booking.Id, "pi_after_release", 5000);

        // Two deliveries at once (Stripe retrying a slow answer), then one more later.
        var deliveries = await Task.WhenAll(StripeStandIn.PostWebhookAsync(client, payload), StripeStandIn.PostWebhookAsync(client, payload));
        deliveries.Should().OnlyContain(d => d.IsSuccessStatusCode);
        (await StripeStandIn.PostWebhookAsync(client, payload)).EnsureSuccessStatusCode();

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var told = await db.OutboxMessages.Where(m => m.BookingId == booking.Id && m.Kind == NotificationKind.LatePaymentRefunded).ToListAsync();
        var email = told.Should().ContainSingle("the customer is told once, whatever the deliveries").Which;
        (email.Channel, email.CustomerId).Should().Be((NotificationChannel.Email, booking.CustomerId));
        email.Subject.Should().StartWith("Payment refunded: ");
        email.TextBody.Should().Contain("The deposit of $50.00 was charged after the seat was released and is refunded in full.");
        (await db.RefundRequests.CountAsync(r => r.BookingId == booking.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Pay_pressed_with_seconds_of_the_hold_left_still_gives_the_customer_time_to_pay()
    {
        var booking = await HeldBookingAsync(factory);
        factory.Clock.Advance(Hold - TimeSpan.FromSeconds(20));
        (await PressPayAsync(booking)).Should().NotBeNull();
        var session = stripe.SessionOf(booking.Id);

        // The hold's first end passes while the customer is still typing their card number on Stripe's page.
        await PaidInTheTimeGivenAsync(booking, session, "pi_in_the_extra_time", "the checkout was given time to be paid");
    }

    [Fact]
    public async Task A_second_press_near_the_hold_s_end_gives_the_customer_time_to_pay_in_the_same_session()
    {
        var booking = await HeldBookingAsync(factory);
        factory.Clock.Advance(Hold - TimeSpan.FromMinutes(6));
        (await PressPayAsync(booking)).Should().NotBeNull();
        var session = stripe.SessionOf(booking.Id);

        // Back from Stripe's page without paying (a card to fetch), the customer presses again with 20 seconds of the hold left.
        factory.Clock.Advance(TimeSpan.FromMinutes(6) - TimeSpan.FromSeconds(20));
        var pressedAgainAt = factory.Clock.GetUtcNow().UtcDateTime;
        (await PressPayAsync(booking)).Should().NotBeNull();
        stripe.SessionOf(booking.Id).Should().Be(session, "the second press reuses the session");
        (await ViewAsync(booking)).PaymentHoldExpiresAtUtc.Should().Be(pressedAgainAt + PaymentService.TimeToPay);

        await PaidInTheTimeGivenAsync(booking, session, "pi_after_the_second_press", "the second press gave the customer time to pay");
    }

    [Fact]
    public async Task Presses_give_time_to_pay_only_up_to_the_session_s_end_then_are_refused_and_the_seat_released()
    {
        var booking = await HeldBookingAsync(factory);
        factory.Clock.Advance(Hold - TimeSpan.FromSeconds(20));
        var sessionEnds = factory.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(31);
        // Each press 20 seconds before the hold ends gives it TimeToPay more, in the one session.
        while (factory.Clock.GetUtcNow().UtcDateTime + PaymentService.TimeToPay <= sessionEnds)
        {
            var pressedAt = factory.Clock.GetUtcNow().UtcDateTime;
            (await PressPayAsync(booking)).Should().NotBeNull();
            (await ViewAsync(booking)).PaymentHoldExpiresAtUtc.Should().Be(pressedAt + PaymentService.TimeToPay);
            factory.Clock.Advance(PaymentService.TimeToPay - TimeSpan.FromSeconds(20));
        }

        var holdEnds = (await ViewAsync(booking)).PaymentHoldExpiresAtUtc;
        var refused = async () => await PressPayAsync(booking);
        (await refused.Should().ThrowAsync<CheckoutEndsTooSoonException>("the session closes before the customer could pay in it"))
            .Which.CheckoutEndsAtUtc.Should().Be(sessionEnds);
        (await ViewAsync(booking)).PaymentHoldExpiresAtUtc.Should().Be(holdEnds, "a refused press holds the seat no longer");

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);
        stripe.StatusOf(stripe.SessionOf(booking.Id)).Should().Be("expired");
        (await ViewAsync(booking)).Status.Should().Be(BookingStatus.Cancelled);
    }

    [Fact]
    public async Task A_press_that_died_mid_call_is_warned_of_once_while_its_seat_stays_held_until_its_checkout_ends()
    {
        var booking = await HeldBookingAsync(factory);
        factory.Clock.Advance(Hold - TimeSpan.FromMinutes(1));
        var checkoutEnds = factory.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(31);
        // The press fixed when its checkout closes, Stripe opened the session, and the portal died before keeping its id.
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Bookings.Where(b => b.Id == booking.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.CheckoutExpiresAtUtc, checkoutEnds));
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        for (var sweep = 0; sweep < 20; sweep++)
        {
            (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(0, "a session nobody can close may still be paid");
            factory.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        (await ViewAsync(booking)).Status.Should().Be(BookingStatus.PendingPayment);
        factory.Log.Entries.Where(e => e.Message.Contains(booking.Id.ToString())).Should().ContainSingle("one warning says the seat is kept, not one every sweep");
        factory.Clock.SetUtcNow(checkoutEnds);
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1, "past the checkout's end nothing can be paid");
    }

    [Fact]
    public async Task After_the_switch_to_reception_a_lapsed_hold_s_open_session_is_closed_at_stripe_and_its_seat_released()
    {
        var (booking, session, reception) = await LapsedWithAnOpenSessionAtReceptionAsync();
        await using var _ = reception;

        (await reception.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1, "the session the Stripe portal opened is closed with its keys");
        stripe.StatusOf(session).Should().Be("expired");
        stripe.Pay(session, "pi_after_the_switch").Should().BeFalse("nobody pays online for a seat given back");
        (await ViewAsync(booking)).Status.Should().Be(BookingStatus.Cancelled);
    }

    [Fact]
    public async Task After_the_switch_to_reception_a_session_paid_before_the_sweep_confirms_the_booking()
    {
        var (booking, session, reception) = await LapsedWithAnOpenSessionAtReceptionAsync();
        await using var _ = reception;
        stripe.Pay(session, "pi_paid_during_the_switch").Should().BeTrue();

        (await reception.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(0);

        (await ViewAsync(booking)).Status.Should().Be(BookingStatus.Confirmed);
    }

    /// <summary>A held booking whose customer opened a checkout, then a second portal on the same database switched to pay at reception (Stripe keys kept), its clock past the hold.</summary>
    private async Task<(BookingView Booking, string Session, StripePortalFactory Reception)> LapsedWithAnOpenSessionAtReceptionAsync()
    {
        var booking = await HeldBookingAsync(factory);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        (await PressPayAsync(booking)).Should().NotBeNull();
        var session = stripe.SessionOf(booking.Id);
        var reception = await ReceptionPortalAsync(factory, stripe);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        reception.Clock.SetUtcNow(factory.Clock.GetUtcNow());
        return (booking, session, reception);
    }

    /// <summary>A held booking whose hold ran out a minute ago: the sweep released its seat.</summary>
    private async Task<BookingView> ReleasedAsync()
    {
        var booking = await HeldBookingAsync(factory);
        factory.Clock.Advance(Hold + TimeSpan.FromMinutes(1));
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);
        return booking;
    }

    /// <summary>
    /// A minute past the hold's first end the sweep lapses nothing and the session stays open; two minutes on, the customer
    /// pays in it and the booking is confirmed.
    /// </summary>
    private async Task PaidInTheTimeGivenAsync(BookingView booking, string session, string paymentIntent, string because)
    {
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(0, because);
        stripe.StatusOf(session).Should().Be("open");
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        stripe.Pay(session, paymentIntent).Should().BeTrue();
        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, paymentIntent, 50m);
        (await ViewAsync(booking)).Status.Should().Be(BookingStatus.Confirmed);
    }

    private Task<Uri?> PressPayAsync(BookingView booking) =>
        factory.Get<PaymentService>().StartDepositCheckoutAsync(booking.ConfirmationNumber, booking.CustomerId, new Uri("http://portal.test/"));

    private async Task<BookingView> ViewAsync(BookingView booking) =>
        (await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false))!;
}

/// <summary>The same on PostgreSQL.</summary>
public class LateCheckoutOnPostgresTests : LateCheckoutTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
