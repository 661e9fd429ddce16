using BookingPortal.Infrastructure.Payments;
using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;
using static BookingPortal.Tests.TestSupport.StripeStandIn;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// A retry must not refund twice however late it comes. Stripe remembers an idempotency key for 24 hours only, and a
/// refund whose answer was lost can be retried after that (the portal down a day, a spell on pay at reception): the
/// retry first looks among the payment's refunds for the one carrying the portal's key, and makes one only if none does.
/// </summary>
public class RefundRetryTests() : StripeSuite(scheduledJobs: false)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_retry_after_stripe_forgot_the_key_finds_the_refund_whose_answer_was_lost_and_makes_no_second()
    {
        var booking = await PaidBookingAsync(factory, "pi_forgotten");
        stripe.ScriptRefunds(RefundAnswer.RefundThenHang);
        var cancelling = factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        (await stripe.HeldRefunds.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("the cancellation's fast path calls Stripe");
        factory.Clock.Advance(CallTimeout);
        await cancelling;
        (await RefundAsync(factory, booking)).Should().BeEquivalentTo(new { Status = RefundStatus.Pending, Attempts = 1 });
        stripe.RefundLists.Should().BeEmpty("a first attempt has no earlier refund to look for");
        stripe.RefundRequests.Should().ContainSingle().Which.Form[$"metadata[{StripeCardGateway.RefundKeyMetadata}]"].Should().Be($"refund-{booking.Id}-1");

        // The portal is down for more than a day: Stripe has forgotten the key when the refund job runs again.
        stripe.ForgetIdempotencyKeys();
        factory.Clock.Advance(TimeSpan.FromHours(25));
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(1);

        stripe.RefundsMade.Should().ContainSingle("the retry found the refund the lost answer was about");
        stripe.RefundLists.Should().ContainSingle().Which.Form["payment_intent"].Should().Be("pi_forgotten");
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
    }

    [Fact]
    public async Task A_refund_cut_off_mid_call_and_taken_over_a_day_later_is_found_not_made_again()
    {
        var booking = await PaidBookingAsync(factory, "pi_cut_off");
        // Cancelled while on pay at reception: the refund waits, never tried.
        await using var reception = await ReceptionPortalAsync(factory, stripe);
        await reception.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));

        // Back on Stripe, the refund job's first attempt reaches Stripe, which refunds; the portal stops before the answer.
        stripe.ScriptRefunds(RefundAnswer.RefundThenHang);
        using var stopping = new CancellationTokenSource();
        var dispatching = factory.Get<RefundDispatcher>().DispatchDueAsync(stopping.Token);
        (await stripe.HeldRefunds.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue("the refund job calls Stripe");
        await stopping.CancelAsync();
        await FluentActions.Awaiting(() => dispatching).Should().ThrowAsync<OperationCanceledException>();
        (await RefundAsync(factory, booking)).Should().BeEquivalentTo(new { Status = RefundStatus.Sending, Attempts = 0 }, "no attempt was counted");

        // A day later its claim has long lapsed, and Stripe has forgotten the key.
        stripe.ForgetIdempotencyKeys();
        factory.Clock.Advance(TimeSpan.FromDays(1));
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(1);

        stripe.RefundsMade.Should().ContainSingle("taking over a cut-off call is a retry, and looks first");
        stripe.RefundLists.Should().ContainSingle();
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
    }

    [Fact]
    public async Task A_retry_that_finds_no_earlier_refund_makes_it_with_the_same_key()
    {
        var booking = await CancelledWhileRefundsFailAsync(factory, stripe, "pi_not_made");
        stripe.ForgetIdempotencyKeys();
        factory.Clock.Advance(TimeSpan.FromHours(25));

        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(1);

        stripe.RefundLists.Should().ContainSingle();
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 2);
    }

    [Fact]
    public async Task Job_runs_racing_to_take_over_one_lapsed_claim_send_it_once()
    {
        var booking = await CancelledWhileRefundsFailAsync(factory, stripe, "pi_lapsed");
        // A dispatcher claims the refund and dies before Stripe answers.
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var claimedUntil = factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(120);
            (await db.RefundRequests.Where(r => r.BookingId == booking.Id).ExecuteUpdateAsync(r => r
                .SetProperty(x => x.Status, RefundStatus.Sending).SetProperty(x => x.ClaimToken, Guid.NewGuid()).SetProperty(x => x.ClaimedUntilUtc, claimedUntil))).Should().Be(1);
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(120));
        var sent = await Race.AllAtOnceAsync(Enumerable.Range(0, 6).Select(_ => (Func<Task<int>>)(() => factory.Get<RefundDispatcher>().DispatchDueAsync())));

        sent.Sum().Should().Be(1);
        stripe.RefundLists.Should().ContainSingle("one run took the claim over, and looked first");
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 2);
    }
}

public class RefundRetryOnPostgresTests : RefundRetryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
