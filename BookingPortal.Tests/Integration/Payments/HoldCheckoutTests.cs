using BookingPortal.Features.Consistency;
using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// A 10-minute hold whose Stripe Checkout stays open 31 minutes (Stripe's minimum is 30): the hold expiry sweep closes
/// the session before it releases the seat, so a customer who pays in that gap keeps the booking instead of finding it
/// cancelled and their money refunded, and once the seat is released nobody can pay for it.
/// </summary>
public class HoldCheckoutTests() : StripeSuite(scheduledJobs: false)
{
    [Fact]
    public async Task A_payment_made_after_the_hold_ended_but_before_the_sweep_confirms_the_booking_once_without_a_refund()
    {
        var (booking, session) = await CheckoutStartedAMinuteBeforeTheHoldEndsAsync();
        // 3-D Secure took the customer past the hold's end; Stripe took the money, its webhook is still on the way.
        factory.Clock.Advance(TimeSpan.FromSeconds(90));
        stripe.Pay(session, "pi_just_late").Should().BeTrue("Stripe keeps the session open past the hold");
        factory.Clock.Advance(TimeSpan.FromSeconds(30));

        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(0, "the checkout was paid: the seat is the customer's");
        using var client = factory.CreateClient();
        (await StripeStandIn.PostWebhookAsync(client, stripe.PaidEvent("evt_just_late", session))).StatusCode.Should().Be(HttpStatusCode.OK);

        await ShouldBeConfirmedOnceAsync(booking, "pi_just_late");
    }

    [Fact]
    public async Task A_checkout_the_sweep_closes_releases_the_seat_and_can_no_longer_be_paid()
    {
        var (booking, session) = await CheckoutStartedAMinuteBeforeTheHoldEndsAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);

        stripe.ExpireRequests.Should().ContainSingle().Which.Path.Should().Be($"/v1/checkout/sessions/{session}/expire");
        stripe.StatusOf(session).Should().Be("expired");
        stripe.Pay(session, "pi_too_late").Should().BeFalse("Stripe takes no payment in an expired session");
        (await StatusAsync(booking)).Should().Be(BookingStatus.Cancelled);
        await SeatsShouldBeCountedAsHeldAsync(booking);
    }

    [Fact]
    public async Task While_stripe_cannot_be_reached_the_seat_stays_held_and_is_released_once_the_session_is_closed()
    {
        var (booking, session) = await CheckoutStartedAMinuteBeforeTheHoldEndsAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        stripe.CheckoutUnreachable = true;

        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(0, "the session may still be paid");
        (await StatusAsync(booking)).Should().Be(BookingStatus.PendingPayment);
        // Stripe is back a few sweeps later, the customer never paid: the session is closed, then the seat released.
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        stripe.CheckoutUnreachable = false;
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);

        stripe.StatusOf(session).Should().Be("expired");
        (await StatusAsync(booking)).Should().Be(BookingStatus.Cancelled);
    }

    [Fact]
    public async Task While_stripe_cannot_be_reached_a_payment_still_confirms_the_booking()
    {
        var (booking, session) = await CheckoutStartedAMinuteBeforeTheHoldEndsAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        stripe.CheckoutUnreachable = true;
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(0);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        stripe.Pay(session, "pi_during_outage").Should().BeTrue();
        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_during_outage", 50m);

        await ShouldBeConfirmedOnceAsync(booking, "pi_during_outage");
    }

    [Fact]
    public async Task A_seat_is_held_no_longer_than_the_checkout_stays_open_when_stripe_never_answers()
    {
        var (booking, _) = await CheckoutStartedAMinuteBeforeTheHoldEndsAsync();
        stripe.CheckoutUnreachable = true;
        // The session was fixed to close 31 minutes after it started (5 minutes ago); a minute before that the seat is still held.
        factory.Clock.Advance(TimeSpan.FromMinutes(25));
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(0);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1, "past its own end Stripe takes no payment in the session");
        (await StatusAsync(booking)).Should().Be(BookingStatus.Cancelled);
    }

    [Fact]
    public async Task A_press_still_being_answered_when_the_hold_ends_keeps_the_seat_until_its_session_can_be_closed()
    {
        var booking = await HeldBookingAsync(factory);
        factory.Clock.Advance(TimeSpan.FromMinutes(9));
        var stripeAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stripe.AnswerCheckoutsAfter = stripeAnswers.Task;
        var press = factory.Get<PaymentService>().StartDepositCheckoutAsync(booking.ConfirmationNumber, booking.CustomerId, new Uri("http://portal.test/"));
        (await stripe.CheckoutRequestsArrived.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();

        // Stripe is slow to answer the press; the hold ends meanwhile (the press gave it PaymentService.TimeToPay).
        factory.Clock.Advance(PaymentService.TimeToPay + TimeSpan.FromMinutes(1));
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(0, "the customer is about to be sent to a session that could be paid");
        stripeAnswers.SetResult();
        (await press).Should().NotBeNull();
        var session = stripe.SessionOf(booking.Id);
        (await StatusAsync(booking)).Should().Be(BookingStatus.PendingPayment);

        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1, "the session is known now, and closed first");
        stripe.StatusOf(session).Should().Be("expired");
        stripe.Pay(session, "pi_after_release").Should().BeFalse();
    }

    [Fact]
    public async Task The_sweep_racing_the_payment_webhook_confirms_once_and_keeps_the_seat()
    {
        for (var round = 0; round < 4; round++)
        {
            var (booking, session) = await CheckoutStartedAMinuteBeforeTheHoldEndsAsync();
            var reference = $"pi_race_{round}";
            factory.Clock.Advance(TimeSpan.FromSeconds(90));
            stripe.Pay(session, reference).Should().BeTrue();
            factory.Clock.Advance(TimeSpan.FromSeconds(30));
            // Stripe's webhook arrives just as the sweep asks Stripe to close the session: both record the payment at once.
            Task? webhook = null;
            stripe.OnExpireRequest = () => webhook ??= Task.Run(() => factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, reference, 50m));

            (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(0, $"round {round}: the checkout was paid");
            await (webhook ?? factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, reference, 50m));

            await ShouldBeConfirmedOnceAsync(booking, reference);
        }

        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().BeEmpty();
    }

    /// <summary>
    /// A held booking whose customer pressed "Pay" with time enough left (a press with less extends the hold) and is still
    /// on Stripe's page a minute before the hold ends: its checkout's session id.
    /// </summary>
    private async Task<(BookingView Booking, string Session)> CheckoutStartedAMinuteBeforeTheHoldEndsAsync()
    {
        var booking = await HeldBookingAsync(factory);
        factory.Clock.Advance(TimeSpan.FromMinutes(4));
        (await factory.Get<PaymentService>().StartDepositCheckoutAsync(booking.ConfirmationNumber, booking.CustomerId, new Uri("http://portal.test/"))).Should().NotBeNull();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        return (booking, stripe.SessionOf(booking.Id));
    }

    private async Task<BookingStatus> StatusAsync(BookingView booking)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Bookings.Where(b => b.Id == booking.Id).Select(b => b.Status).SingleAsync();
    }

    private async Task ShouldBeConfirmedOnceAsync(BookingView booking, string paymentIntent)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var stored = await db.Bookings.SingleAsync(b => b.Id == booking.Id);
        stored.Status.Should().Be(BookingStatus.Confirmed);
        stored.PaymentReference.Should().Be(paymentIntent);
        (await db.LedgerEntries.Where(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositCharged).Select(e => e.Amount).ToListAsync())
            .Should().Equal(50m);
        (await db.RefundRequests.AnyAsync(r => r.BookingId == booking.Id)).Should().BeFalse("the payment was in time for the seat");
        stripe.RefundRequests.Should().NotContain(r => r.Form["payment_intent"] == paymentIntent);
        await SeatsShouldBeCountedAsHeldAsync(booking);
    }

    /// <summary>The slot's counter is the bookings holding a seat on it: a seat released once, or kept and counted once.</summary>
    private async Task SeatsShouldBeCountedAsHeldAsync(BookingView booking)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var slot = await db.Bookings.Where(b => b.Id == booking.Id).Select(b => b.SlotInventoryId).SingleAsync();
        (await db.SlotInventories.SingleAsync(i => i.Id == slot)).Booked.Should().Be(await db.Bookings.Where(Booking.HoldsSeat).CountAsync(b => b.SlotInventoryId == slot));
    }
}

/// <summary>The sweep against the payment webhook on PostgreSQL.</summary>
public class HoldCheckoutOnPostgresTests : HoldCheckoutTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
