using BookingPortal.Infrastructure.Payments;
using Quartz;
using static BookingPortal.Tests.TestSupport.StripeStandIn;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// Money owed back is a pending refund row written with the change that owes it, and the refund
/// dispatcher sends it with one idempotency key until Stripe (a stand-in) accepts it.
/// </summary>
public class DurableRefundTests : StripeSuite
{
    /// <summary>The refund dispatcher's defaults: first retry after 30 s, a provider call times out after 30 s.</summary>
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_refund_stripe_fails_with_a_500_stays_pending_and_the_job_sends_it_later_with_the_same_key()
    {
        var booking = await PaidBookingWithAFailingRefundAsync("pi_500");

        var result = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));

        result.Succeeded.Should().BeTrue();
        result.Message.Should().Contain("could not be sent yet");
        var pending = await RefundAsync(factory, booking);
        pending.Status.Should().Be(RefundStatus.Pending);
        pending.Amount.Should().Be(50m);
        pending.Attempts.Should().Be(1);
        pending.LastError.Should().Contain("Something went wrong");
        (await LedgerAsync(factory, booking)).Balance.Should().Be(-50m, "the customer is owed the deposit until Stripe takes the refund");
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(0, "the retry waits for its backoff");
        (await StaffHistoryAsync(factory, booking)).Should().Contain(e => e.Contains("Refund of 50.00 USD (Cancelled): pending, 1 failed attempt(s)"));

        factory.Clock.Advance(FirstRetry);
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(1);

        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 2);
        (await StaffHistoryAsync(factory, booking)).Should().Contain("Refund of 50.00 USD (Cancelled): sent (re_5000)");
    }

    [Fact]
    public async Task A_refund_stripe_refuses_for_good_is_failed_and_shown_to_staff_to_settle_by_hand()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await PaidBookingAsync(factory, "pi_refused");
        stripe.RefuseRefunds = true;

        var result = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        factory.Clock.Advance(TimeSpan.FromHours(2));

        result.Message.Should().Contain("Our staff will send the refund to your card by hand").And.NotContain("we keep trying", "nothing sends a refused refund again");

        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(0);
        stripe.RefundRequests.Should().ContainSingle("a 400 is not retried");
        (await RefundAsync(factory, booking)).Status.Should().Be(RefundStatus.Failed);
        (await StaffHistoryAsync(factory, booking)).Should().Contain(e => e.StartsWith("Refund of 50.00 USD (Cancelled): FAILED after 1 attempt(s), refund it by hand", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RefundAnswer.HangWithoutRefunding)]
    [InlineData(RefundAnswer.RefundThenHang)]
    public async Task A_refund_call_that_times_out_is_retried_and_made_once(RefundAnswer firstAnswer)
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await PaidBookingAsync(factory, "pi_slow");
        stripe.ScriptRefunds(firstAnswer);

        var cancelling = factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        (await stripe.HeldRefunds.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("the cancellation's fast path calls Stripe");
        stripe.RefundsMade.Should().HaveCount(firstAnswer == RefundAnswer.RefundThenHang ? 1 : 0);
        factory.Clock.Advance(CallTimeout);
        var result = await cancelling;

        result.Succeeded.Should().BeTrue();
        result.Message.Should().Contain("could not be sent yet");
        var pending = await RefundAsync(factory, booking);
        pending.Status.Should().Be(RefundStatus.Pending);
        pending.LastError.Should().NotBeNullOrEmpty();
        (await LedgerAsync(factory, booking)).Refunded.Should().Be(0m, "nothing is recorded as refunded on a call that did not answer");

        factory.Clock.Advance(FirstRetry);
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(1);

        // The retry looks first: a refund Stripe made finds it, one it did not is sent again with the same key.
        stripe.RefundLists.Should().ContainSingle();
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: firstAnswer == RefundAnswer.RefundThenHang ? 1 : 2);
    }

    [Fact]
    public async Task A_claim_whose_dispatcher_died_is_taken_over_after_the_claim_timeout_with_the_same_key()
    {
        var booking = await PaidBookingWithAFailingRefundAsync("pi_died");
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        factory.Clock.Advance(FirstRetry);
        // A dispatcher claims the refund and dies before Stripe answers (a crash, a kill).
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var claimedUntil = factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(120);
            (await db.RefundRequests.Where(r => r.BookingId == booking.Id).ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Status, RefundStatus.Sending)
                .SetProperty(x => x.ClaimToken, Guid.NewGuid())
                .SetProperty(x => x.ClaimedUntilUtc, claimedUntil))).Should().Be(1);
        }

        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(0, "the claim is still another dispatcher's");
        factory.Clock.Advance(TimeSpan.FromSeconds(120));
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(1);

        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 2);
    }

    [Fact]
    public async Task A_late_payment_after_the_hold_lapsed_writes_one_pending_refund_and_a_redelivered_webhook_adds_nothing()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await HeldBookingAsync(factory);
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);
        stripe.ScriptRefunds(RefundAnswer.ServerError, RefundAnswer.ServerError);
        using var client = factory.CreateClient();
        var payload = CheckoutCompletedEvent("evt_late", booking.Id, "pi_late", 5000);

        (await PostWebhookAsync(client, payload)).EnsureSuccessStatusCode();
        (await PostWebhookAsync(client, payload)).EnsureSuccessStatusCode();

        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var refunds = await db.RefundRequests.Where(r => r.BookingId == booking.Id).ToListAsync();
            refunds.Should().ContainSingle().Which.Should().BeEquivalentTo(
                new { Status = RefundStatus.Pending, Amount = 50m, PaymentReference = "pi_late", IdempotencyKey = $"refund-{booking.Id}-1", Attempts = 1 });
            (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositCharged)).Should().Be(1);
            (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(BookingStatus.Cancelled);
        }

        stripe.RefundRequests.Should().ContainSingle("the redelivery found the payment recorded and sent nothing");
        factory.Clock.Advance(FirstRetry);
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(0, "the second scripted 500");
        factory.Clock.Advance(FirstRetry * 2);
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(1);

        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 3);
        (await LedgerAsync(factory, booking)).Paid.Should().Be(0m);
    }

    [Fact]
    public async Task A_payment_that_arrives_after_the_customer_cancelled_the_unpaid_booking_is_refunded_in_full()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await HeldBookingAsync(factory);
        // Inside the fee window: still no fee, since nothing was paid or confirmed when it was cancelled (as a lapsed hold).
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Services.Where(s => s.Id == booking.ServiceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.FreeCancellationHours, 24 * 365));
        }

        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false))).Succeeded.Should().BeTrue();
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(0, "nothing was paid when it was cancelled");

        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_after_cancel", 50m);

        (await RefundAsync(factory, booking)).Reason.Should().Be("Paid when the booking could no longer be confirmed.");
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
    }

    [Fact]
    public async Task After_a_switch_back_to_reception_a_late_stripe_payment_is_recorded_and_its_refund_is_listed_for_staff()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await HeldBookingAsync(factory);
        // The clinic goes back to pay at reception, keeping the Stripe keys; the customer's Checkout tab is still open.
        await using var reception = await ReceptionPortalAsync(factory, stripe);
        reception.Clock.SetUtcNow(factory.Clock.GetUtcNow().AddMinutes(11));
        (await reception.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);
        using var client = reception.CreateClient();

        var delivered = await PostWebhookAsync(client, CheckoutCompletedEvent("evt_late", booking.Id, "pi_after_switch", 5000));

        delivered.StatusCode.Should().Be(HttpStatusCode.OK, "a 404 lost the payment: Stripe gives up on an endpoint that is not there");
        var refund = await RefundAsync(reception, booking);
        (refund.Status, refund.Amount).Should().Be((RefundStatus.Pending, 50m));
        stripe.RefundRequests.Should().BeEmpty("no online gateway is configured to send it");
        var staff = await reception.StaffAsync();
        var settlement = reception.Get<RefundSettlement>();
        (await settlement.ListAsync(staff)).Should().ContainSingle(r => r.Id == refund.Id).Which.LastError.Should().Be(RefundSettlement.NoGatewayToSendIt);
        (await settlement.RecordRefundedByHandAsync(staff, refund.Id, "Bank transfer 4411")).Should().Be(SettleOutcome.Recorded);
        (await settlement.ListAsync(staff)).Should().NotContain(r => r.Id == refund.Id);
    }

    [Fact]
    public async Task After_a_switch_back_to_reception_a_refund_cut_off_mid_call_is_listed_for_staff_once_its_claim_lapsed()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await PaidBookingAsync(factory, "pi_cut_off");
        stripe.RefundOutage = true;
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false))).Succeeded.Should().BeTrue();
        var refund = await RefundAsync(factory, booking);
        // A dispatcher claimed it and called Stripe; the portal stopped during the call, to come back on pay at reception.
        var claimedUntil = factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(120);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.RefundRequests.Where(r => r.Id == refund.Id).ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Status, RefundStatus.Sending).SetProperty(x => x.ClaimToken, Guid.NewGuid()).SetProperty(x => x.ClaimedUntilUtc, claimedUntil));
        }

        await using var reception = await ReceptionPortalAsync(factory, stripe);
        var staff = await reception.StaffAsync();
        var settlement = reception.Get<RefundSettlement>();
        reception.Clock.SetUtcNow(claimedUntil.AddSeconds(-1));
        (await settlement.ListAsync(staff)).Should().NotContain(r => r.Id == refund.Id, "its claim may still be answered");
        (await settlement.RecordRefundedByHandAsync(staff, refund.Id, "Too early")).Should().Be(SettleOutcome.AlreadySettled);

        reception.Clock.SetUtcNow(claimedUntil);

        (await reception.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(0, "nothing sends refunds on pay at reception");
        (await settlement.ListAsync(staff)).Should().ContainSingle(r => r.Id == refund.Id).Which.LastError.Should().Be(RefundSettlement.CutOffWithNoGateway);
        (await settlement.RecordRefundedByHandAsync(staff, refund.Id, "Refunded in the Stripe dashboard")).Should().Be(SettleOutcome.Recorded);
        (await RefundAsync(reception, booking)).Status.Should().Be(RefundStatus.SettledByHand);
    }

    [Fact]
    public async Task After_a_switch_back_to_reception_a_paid_cancellation_says_staff_send_the_refund_not_that_we_keep_trying()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await PaidBookingAsync(factory, "pi_then_reception");
        await using var reception = await ReceptionPortalAsync(factory, stripe);

        var result = await reception.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));

        result.Succeeded.Should().BeTrue();
        result.Message.Should().Contain("Our staff will send the refund to your card by hand").And.NotContain("we keep trying", "nothing sends refunds on pay at reception");
        stripe.RefundRequests.Should().BeEmpty();
        var refund = await RefundAsync(reception, booking);
        (await reception.Get<RefundSettlement>().ListAsync(await reception.StaffAsync())).Should().ContainSingle(r => r.Id == refund.Id)
            .Which.LastError.Should().Be(RefundSettlement.NoGatewayToSendIt);
    }

    [Fact]
    public async Task A_cancel_whose_caller_stops_waiting_after_the_commit_still_refunds()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await PaidBookingAsync(factory, "pi_gone");
        using var request = new CancellationTokenSource();
        // The client disconnects while the refund is on its way to Stripe, i.e. after the cancellation committed.
        stripe.OnRefundRequest = request.Cancel;

        var result = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false), request.Token);

        request.IsCancellationRequested.Should().BeTrue();
        result.Succeeded.Should().BeTrue();
        result.Message.Should().NotContain("could not be sent yet");
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
    }

    [Fact]
    public async Task Closing_a_slot_with_cancel_and_refund_queues_and_sends_each_paid_bookings_refund()
    {
        var booking = await PaidBookingWithAFailingRefundAsync("pi_closed");

        var closed = await factory.Get<SlotCalendarService>().CloseSlotAsync(await factory.StaffAsync(), booking.ServiceId, booking.StartUtc, cancelBookings: true);

        closed.BookingsCancelled.Should().Be(1);
        (await RefundAsync(factory, booking)).Status.Should().Be(RefundStatus.Pending);
        factory.Clock.Advance(FirstRetry);
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(1);
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 2);
    }

    [Fact]
    public async Task The_refund_job_runs_on_the_scheduler_and_sends_a_pending_refund()
    {
        var booking = await CancelledWhileRefundsFailAsync(factory, stripe, "pi_job");
        factory.Clock.Advance(FirstRetry);

        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.Exists(RefundDispatchJob.Key)).Should().BeTrue();
        var ran = new JobFinished();
        scheduler.ListenerManager.AddJobListener(ran, [Matchers.Key(RefundDispatchJob.Key)]);
        await scheduler.TriggerJob(RefundDispatchJob.Key, new JobDataMap { [JobFinished.Marker] = true });
        (await ran.Error.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeNull();

        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 2);
    }

    /// <summary>A paid booking on a portal that runs no scheduled jobs, whose next refund call Stripe answers with a 500.</summary>
    private async Task<BookingView> PaidBookingWithAFailingRefundAsync(string paymentIntent)
    {
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await PaidBookingAsync(factory, paymentIntent);
        stripe.ScriptRefunds(RefundAnswer.ServerError);
        return booking;
    }

    internal static async Task<BookingView> HeldBookingAsync(PortalFactory factory)
    {
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.ConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        booking.Status.Should().Be(BookingStatus.PendingPayment);
        return booking;
    }

    /// <summary>A booking whose 50 deposit was paid online, cancellable free of charge.</summary>
    internal static async Task<BookingView> PaidBookingAsync(PortalFactory factory, string paymentIntent)
    {
        var booking = await HeldBookingAsync(factory);
        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, paymentIntent, 50m);
        return booking;
    }

    /// <summary>A second portal on <paramref name="factory"/>'s database, switched back to pay at reception with the Stripe keys kept, started.</summary>
    internal static async Task<StripePortalFactory> ReceptionPortalAsync(PortalFactory factory, StripeStandIn stripe)
    {
        var reception = new StripePortalFactory(stripe, new KeyValuePair<string, string>("Payments:Gateway", "Reception"))
        {
            SharesDatabaseOf = factory,
            Provider = factory.Provider,
        };
        await reception.StartWithoutScheduledJobsAsync();
        return reception;
    }

    /// <summary>A paid booking cancelled while Stripe answers refunds with a server error: its refund waits to be tried again.</summary>
    internal static async Task<BookingView> CancelledWhileRefundsFailAsync(PortalFactory factory, StripeStandIn stripe, string paymentIntent)
    {
        var booking = await PaidBookingAsync(factory, paymentIntent);
        stripe.ScriptRefunds(RefundAnswer.ServerError);
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        return booking;
    }

    /// <summary>A paid booking cancelled while Stripe refuses refunds: its refund is Failed at once, for staff.</summary>
    internal static async Task<BookingView> RefusedRefundAsync(PortalFactory factory, StripeStandIn stripe, string paymentIntent)
    {
        var booking = await PaidBookingAsync(factory, paymentIntent);
        stripe.RefuseRefunds = true;
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        (await RefundAsync(factory, booking)).Status.Should().Be(RefundStatus.Failed);
        return booking;
    }

    internal static async Task<RefundRequest> RefundAsync(PortalFactory factory, BookingView booking)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.RefundRequests.AsNoTracking().SingleAsync(r => r.BookingId == booking.Id);
    }

    internal static async Task<List<string>> StaffHistoryAsync(PortalFactory factory, BookingView booking)
    {
        var history = await factory.Get<AppointmentsService>().GetHistoryAsync(await factory.StaffAsync(), booking.ConfirmationNumber);
        return history!.Events.Select(e => e.What).ToList();
    }

    internal static async Task<LedgerSummary> LedgerAsync(PortalFactory factory, BookingView booking)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return LedgerSummary.Of(await db.LedgerEntries.AsNoTracking().Where(e => e.BookingId == booking.Id).ToListAsync());
    }

    /// <summary>
    /// Every request Stripe saw for the booking carried the one key; Stripe made one refund; the
    /// row is Sent with Stripe's id; the ledger holds exactly one DepositRefunded entry and balances.
    /// </summary>
    internal static async Task ShouldBeRefundedOnceAsync(PortalFactory factory, StripeStandIn stripe, BookingView booking, decimal amount, int expectedRequests)
    {
        var key = $"refund-{booking.Id}-1";
        var refund = await RefundAsync(factory, booking);
        stripe.RefundRequests.Where(r => r.Form["payment_intent"] == refund.PaymentReference).Should().HaveCount(expectedRequests)
            .And.OnlyContain(r => r.IdempotencyKey == key);
        var made = stripe.RefundsMade.Where(r => r.IdempotencyKey.StartsWith($"refund-{booking.Id}-", StringComparison.Ordinal)).ToList();
        made.Select(r => r.IdempotencyKey).Should().Equal(key);
        made.Single().Amount.Should().Be($"{StripeAmounts.ToMinorUnits(amount, "USD")}");
        refund.Status.Should().Be(RefundStatus.Sent);
        refund.ProviderRefundId.Should().Be(made.Single().Id);
        refund.ClaimToken.Should().BeNull();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var refunded = await db.LedgerEntries.Where(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositRefunded).ToListAsync();
        refunded.Should().ContainSingle().Which.Amount.Should().Be(amount);
        (await LedgerAsync(factory, booking)).Balance.Should().Be(0m);
    }

    /// <summary>Completes when the run the test triggered has finished (with its exception, if it threw); a timer's run does not count.</summary>
    private sealed class JobFinished : IJobListener
    {
        public const string Marker = "triggered-by-test";

        private readonly TaskCompletionSource<JobExecutionException?> finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<JobExecutionException?> Error => finished.Task;

        public string Name => nameof(JobFinished);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.MergedJobDataMap.ContainsKey(Marker))
            {
                finished.TrySetResult(jobException);
            }

            return ValueTask.CompletedTask;
        }
    }
}
