namespace BookingPortal.Tests.Integration.Payments;

/// <summary>The Stripe adapter through Stripe's own client, against a stand-in on 127.0.0.1.</summary>
public class StripeGatewayTests : StripeSuite
{
    [Fact]
    public async Task A_card_booking_is_held_and_its_checkout_carries_the_deposit_and_one_idempotency_key()
    {
        var (booking, customer) = await BookAsync(factory);

        booking.Status.Should().Be(BookingStatus.PendingPayment);
        booking.PaymentHoldExpiresAtUtc.Should().Be(factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(10));
        var payments = factory.Get<PaymentService>();
        var first = await payments.StartDepositCheckoutAsync(booking.ConfirmationNumber, customer, new Uri("http://portal.test/"));
        var firstPressedAt = factory.Clock.GetUtcNow();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await payments.StartDepositCheckoutAsync(booking.ConfirmationNumber, customer, new Uri("http://portal.test/"));

        first!.Host.Should().Be("checkout.stripe.test");
        second.Should().Be(first);
        var requests = stripe.Requests.ToList();
        requests.Should().HaveCount(2).And.OnlyContain(r => r.Path == "/v1/checkout/sessions" && r.IdempotencyKey == requests[0].IdempotencyKey);
        requests[0].IdempotencyKey.Should().StartWith($"deposit-{booking.Id}-");
        var form = requests[0].Form;
        form["line_items[0][price_data][unit_amount]"].Should().Be("5000");
        form["line_items[0][price_data][currency]"].Should().Be("usd");
        form["client_reference_id"].Should().Be(booking.Id.ToString());
        form["allowed_payment_method_types[0]"].Should().Be("card", "a debit that settles days later would complete unpaid while the hold lapses");
        form.Keys.Should().NotContain("allowed_payment_method_types[1]");
        form["success_url"].Should().Be($"http://portal.test/bookings/{booking.ConfirmationNumber}?payment=done");
        requests[0].Authorization.Should().Be($"Bearer {StripeStandIn.SecretKey}");
        // The 10-minute hold is shorter than Stripe allows a session to be, so the session closes at
        // Stripe's minimum (30 minutes and a margin); the second press sends the same value, or
        // Stripe would refuse the reused idempotency key.
        var expiresAt = firstPressedAt.AddMinutes(31).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        requests.Should().OnlyContain(r => r.Form["expires_at"] == expiresAt);
        (await payments.StartDepositCheckoutAsync(booking.ConfirmationNumber, "someone-else", new Uri("http://portal.test/"))).Should().BeNull();
    }

    [Fact]
    public async Task A_checkout_closes_when_a_hold_longer_than_stripes_minimum_ends()
    {
        // A portal of its own on the suite's stand-in: the hold length is what this test is about.
        await using var longHolds = new StripePortalFactory(stripe, new KeyValuePair<string, string>("Payments:HoldMinutes", "60"));
        var (booking, customer) = await BookAsync(longHolds);
        var payments = longHolds.Get<PaymentService>();

        await payments.StartDepositCheckoutAsync(booking.ConfirmationNumber, customer, new Uri("http://portal.test/"));
        longHolds.Clock.Advance(TimeSpan.FromMinutes(45));
        (await payments.StartDepositCheckoutAsync(booking.ConfirmationNumber, customer, new Uri("http://portal.test/"))).Should().NotBeNull();

        var holdEnds = new DateTimeOffset(booking.PaymentHoldExpiresAtUtc!.Value, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        stripe.Requests.Should().HaveCount(2).And.OnlyContain(r => r.Form["expires_at"] == holdEnds && r.IdempotencyKey == stripe.Requests.First().IdempotencyKey,
            "the session ends with the hold, and a press with 15 minutes left repeats the first request exactly");
    }

    [Fact]
    public async Task A_checkout_that_failed_starts_on_a_later_press_and_a_press_after_that_reuses_its_session()
    {
        var pressPay = await PayButtonAsync();
        stripe.CheckoutOutage = true;
        await pressPay.Should().ThrowAsync<Stripe.StripeException>();

        // Stripe is back; the customer reads "try again" and presses two minutes later, then once more.
        stripe.CheckoutOutage = false;
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var retried = await pressPay();
        var again = await pressPay();

        retried.Should().NotBeNull().And.Be(again, "one session per booking once one is open");
        var keys = stripe.Requests.Where(r => r.Path == "/v1/checkout/sessions").Select(r => r.IdempotencyKey).Distinct().ToList();
        keys.Should().HaveCount(2, "the failed request's key would get its saved 500 again");
    }

    [Fact]
    public async Task A_press_that_fails_after_a_session_was_shown_keeps_that_session_the_only_one()
    {
        var pressPay = await PayButtonAsync();
        var shown = await pressPay();
        stripe.CheckoutUnreachable = true;
        await pressPay.Should().ThrowAsync<Stripe.StripeException>();

        stripe.CheckoutUnreachable = false;
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var again = await pressPay();

        again.Should().Be(shown, "a new key would open a second session the customer could pay as well as the first");
        stripe.Requests.Select(r => r.IdempotencyKey).Distinct().Should().ContainSingle();
    }

    /// <summary>A new customer's held booking, and its "Pay deposit" button.</summary>
    private async Task<Func<Task<Uri?>>> PayButtonAsync()
    {
        var (booking, customer) = await BookAsync(factory);
        var payments = factory.Get<PaymentService>();
        return () => payments.StartDepositCheckoutAsync(booking.ConfirmationNumber, customer, new Uri("http://portal.test/"));
    }

    [Fact]
    public async Task A_signed_webhook_confirms_the_booking_once_however_often_it_arrives()
    {
        var (booking, customer) = await BookAsync(factory);
        using var client = factory.CreateClient();
        var payload = StripeStandIn.CheckoutCompletedEvent("evt_1", booking.Id, "pi_123", 5000);

        var forged = await StripeStandIn.PostWebhookAsync(client, payload, StripeStandIn.Sign(payload, "whsec_wrong"));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ViewAsync(factory, booking, customer)).Status.Should().Be(BookingStatus.PendingPayment);

        (await StripeStandIn.PostWebhookAsync(client, payload)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StripeStandIn.PostWebhookAsync(client, payload)).StatusCode.Should().Be(HttpStatusCode.OK);

        var view = await ViewAsync(factory, booking, customer);
        view.Status.Should().Be(BookingStatus.Confirmed);
        view.Ledger!.Paid.Should().Be(50m);
        view.Ledger.Balance.Should().Be(0m);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositCharged)).Should().Be(1);
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).PaymentReference.Should().Be("pi_123");
    }

    [Fact]
    public async Task Cancelling_a_paid_booking_late_refunds_the_rest_through_stripe()
    {
        var (booking, customer) = await BookAsync(factory);
        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_456", 50m);
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-10), TimeSpan.Zero));

        var result = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, customer, IsStaff: false));

        result.Quote!.FeeRetained.Should().Be(25m);
        var refund = stripe.Requests.Single(r => r.Path == "/v1/refunds");
        refund.Form["payment_intent"].Should().Be("pi_456");
        refund.Form["amount"].Should().Be("2500");
        refund.IdempotencyKey.Should().Be($"refund-{booking.Id}-1");
        var ledger = (await ViewAsync(factory, booking, customer)).Ledger!;
        ledger.Refunded.Should().Be(25m);
        ledger.Retained.Should().Be(25m);
        ledger.Balance.Should().Be(0m);
    }

    [Fact]
    public async Task A_yen_deposit_is_charged_recorded_and_refunded_in_yen_not_in_hundredths()
    {
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Services.Where(s => s.Name == DemoSeeder.ConsultationName).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Currency, "JPY").SetProperty(x => x.Price, 20_000m)
                .SetProperty(x => x.DepositAmount, 5_000m).SetProperty(x => x.CancellationFee, 2_000m));
        }

        var (booking, customer) = await BookAsync(factory);
        await factory.Get<PaymentService>().StartDepositCheckoutAsync(booking.ConfirmationNumber, customer, new Uri("http://portal.test/"));
        using var client = factory.CreateClient();
        var paid = StripeStandIn.CheckoutCompletedEvent("evt_yen", booking.Id, "pi_yen", 5_000, "jpy");
        (await StripeStandIn.PostWebhookAsync(client, paid)).StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(-10), TimeSpan.Zero));
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, customer, IsStaff: false));

        var checkout = stripe.Requests.Single(r => r.Path == "/v1/checkout/sessions").Form;
        checkout["line_items[0][price_data][currency]"].Should().Be("jpy");
        checkout["line_items[0][price_data][unit_amount]"].Should().Be("5000", "the yen has no smaller unit: 500000 would charge ¥500,000");
        stripe.RefundRequests.Single().Form["amount"].Should().Be("3000");
        await using var ledgerDb = await factory.DbFactory.CreateDbContextAsync();
        (await ledgerDb.LedgerEntries.SingleAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositCharged)).Amount.Should().Be(5_000m);
        var ledger = (await ViewAsync(factory, booking, customer)).Ledger!;
        ledger.Retained.Should().Be(2_000m);
        ledger.Refunded.Should().Be(3_000m);
        ledger.Balance.Should().Be(0m);
    }

    [Fact]
    public async Task A_refund_the_provider_refuses_leaves_the_booking_cancelled_and_the_money_shown_as_owed()
    {
        var (booking, customer) = await BookAsync(factory);
        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_789", 50m);
        stripe.RefuseRefunds = true;

        var result = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, customer, IsStaff: false));

        result.Succeeded.Should().BeTrue();
        result.Message.Should().Contain("Our staff will send the refund to your card by hand", "a refused refund is not sent again");
        var view = await ViewAsync(factory, booking, customer);
        view.Status.Should().Be(BookingStatus.Cancelled);
        view.Ledger!.Refunded.Should().Be(0m);
        view.Ledger.Balance.Should().Be(-50m, "the customer is owed the whole deposit until it is refunded");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var refund = await db.RefundRequests.SingleAsync(r => r.BookingId == booking.Id);
        refund.Status.Should().Be(RefundStatus.Failed, "Stripe's 400 will not change on a retry: staff settle it");
        refund.Amount.Should().Be(50m);
        refund.LastError.Should().Contain("Charge already refunded");
    }

    [Fact]
    public async Task A_refund_stripe_answers_as_failed_is_not_counted_as_refunded_and_is_left_for_staff()
    {
        var (booking, customer) = await BookAsync(factory);
        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_card_gone", 50m);
        stripe.ScriptRefunds(StripeStandIn.RefundAnswer.AnswerFailed);

        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, customer, IsStaff: false))).Succeeded.Should().BeTrue();

        var view = await ViewAsync(factory, booking, customer);
        view.Ledger!.Refunded.Should().Be(0m, "Stripe gave up on returning it");
        view.Ledger.Balance.Should().Be(-50m);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var refund = await db.RefundRequests.SingleAsync(r => r.BookingId == booking.Id);
        refund.Status.Should().Be(RefundStatus.Failed);
        refund.LastError.Should().Contain("failed").And.Contain("expired_or_canceled_card");
    }

    [Fact]
    public async Task An_unpaid_hold_that_runs_out_releases_the_seat_and_a_late_payment_is_refunded()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var (booking, customer) = await BookAsync(factory);
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);

        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_late", 50m);

        var view = await ViewAsync(factory, booking, customer);
        view.Status.Should().Be(BookingStatus.Cancelled);
        stripe.Requests.Single(r => r.Path == "/v1/refunds").Form["amount"].Should().Be("5000");
        view.Ledger!.Paid.Should().Be(0m);
        // Back from Stripe, the customer reads that the money came late and is on its way back, not only "cancelled".
        view.PaidAfterItEnded.Should().BeTrue();
        LatePaymentNote.For(view, factory.Get<Microsoft.Extensions.Localization.IStringLocalizer<BookingPortal.Features.Localization.PortalText>>(), System.Globalization.CultureInfo.GetCultureInfo("en-US"))
            .Should().Contain("A refund of $50.00 is on its way to your card.");
    }

    [Fact]
    public async Task A_card_gateway_without_its_keys_stops_start_up_naming_them()
    {
        var failure = await StartupFailure.OfAsync(() => new MisconfiguredStripeFactory());

        failure.Should().BeOfType<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Message.Should().Contain("'Payments:Stripe:SecretKey'").And.Contain("'Payments:Stripe:WebhookSecret'");
    }

    private static async Task<(BookingView Booking, string Customer)> BookAsync(PortalFactory factory)
    {
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.ConsultationName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var result = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, Guid.NewGuid().ToString()));
        result.Succeeded.Should().BeTrue(result.Message);
        return (result.Booking!, customer);
    }

    private static async Task<BookingView> ViewAsync(PortalFactory factory, BookingView booking, string customer) =>
        (await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, customer, isStaff: false))!;

    private sealed class MisconfiguredStripeFactory : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Payments:Gateway", "Stripe")];
    }
}
