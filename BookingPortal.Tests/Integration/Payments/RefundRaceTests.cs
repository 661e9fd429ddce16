using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;
using static BookingPortal.Tests.TestSupport.StripeStandIn;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>Refund × refund and cancel × late payment at the same moment: one refund row, sent once.</summary>
public class RefundRaceTests() : StripeSuite(scheduledJobs: false)
{
    [Fact]
    public async Task The_job_and_fast_paths_racing_on_one_due_refund_send_it_once()
    {
        var booking = await PaidBookingAsync(factory, "pi_race");
        stripe.ScriptRefunds(RefundAnswer.ServerError);
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));
        factory.Clock.Advance(TimeSpan.FromSeconds(30));

        var jobs = Enumerable.Range(0, 6).Select(_ => (Func<Task<int>>)(() => factory.Get<RefundDispatcher>().DispatchDueAsync()));
        var fastPaths = Enumerable.Range(0, 2).Select(_ => (Func<Task<int>>)(async () =>
        {
            await factory.Get<RefundDispatcher>().SendNowAsync(booking.Id);
            return 0;
        }));
        var sent = await Race.AllAtOnceAsync(jobs.Concat(fastPaths));

        sent.Sum().Should().BeLessThanOrEqualTo(1, "at most one job run claimed it (a fast path may have won the claim instead)");
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 2);
    }

    [Fact]
    public async Task A_cancellation_racing_the_payment_webhook_owes_the_deposit_back_once_whichever_wins()
    {
        for (var round = 0; round < 4; round++)
        {
            var booking = await HeldBookingAsync(factory);
            var reference = $"pi_round_{round}";

            await Race.AllAtOnceAsync<bool>(
            [
                async () => (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false))).Succeeded,
                async () =>
                {
                    await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, reference, 50m);
                    return true;
                },
            ]);
            (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(0, "the fast path of whichever change owed the money sent it");

            await using var db = await factory.DbFactory.CreateDbContextAsync();
            (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(BookingStatus.Cancelled);
            (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositCharged)).Should().Be(1);
            await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
        }
    }
}

public class RefundRaceOnPostgresTests : RefundRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
