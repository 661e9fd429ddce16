using BookingPortal.Features.Consistency;
using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// Two checkouts of one booking both paid (the first's answer was lost, the customer paid again): the booking keeps the
/// first, and the second is the customer's money, refunded in full to the payment that made it, once however delivered.
/// </summary>
public class SecondPaymentTests() : StripeSuite(scheduledJobs: false)
{
    [Fact]
    public async Task A_second_payment_for_a_paid_booking_is_recorded_and_refunded_in_full_once()
    {
        var booking = await PaidBookingAsync(factory, "pi_first");

        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_second", 50m);
        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_second", 50m);

        await ShouldKeepTheFirstAndRefundTheSecondAsync(booking);
    }

    [Fact]
    public async Task Two_deliveries_of_the_second_payment_at_once_refund_it_once()
    {
        var booking = await PaidBookingAsync(factory, "pi_first");

        await Race.AllAtOnceAsync<bool>(
        [
            async () => { await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_second", 50m); return true; },
            async () => { await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_second", 50m); return true; },
        ]);

        await ShouldKeepTheFirstAndRefundTheSecondAsync(booking);
    }

    private async Task ShouldKeepTheFirstAndRefundTheSecondAsync(BookingView booking)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var kept = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booking.Id);
        (kept.Status, kept.PaymentReference).Should().Be((BookingStatus.Confirmed, "pi_first"));
        var refund = await RefundAsync(factory, booking);
        (refund.PaymentReference, refund.Amount, refund.Status).Should().Be(("pi_second", 50m, RefundStatus.Sent));
        stripe.RefundsMade.Should().ContainSingle().Which.Amount.Should().Be("5000");
        stripe.RefundRequests.Should().OnlyContain(r => r.Form["payment_intent"] == "pi_second");
        var ledger = await LedgerAsync(factory, booking);
        (ledger.Paid, ledger.Refunded, ledger.Balance).Should().Be((50m, 50m, 0m), "the first payment is the deposit; the second went back");
        (await StaffHistoryAsync(factory, booking)).Should().Contain(e => e.Contains("A second payment for a booking already paid"));
        (await factory.Get<ConsistencyCheck>().RunAsync()).Violations.Should().NotContain(v => v.Ids.Contains($"booking:{booking.ConfirmationNumber}"),
            "a second payment refunded in full is not a deposit charged twice");
        var told = await db.OutboxMessages.Where(m => m.BookingId == booking.Id && m.Kind == NotificationKind.SecondPaymentRefunded).ToListAsync();
        var email = told.Should().ContainSingle("the customer is told once, however the payment was delivered").Which;
        (email.Channel, email.CustomerId).Should().Be((NotificationChannel.Email, booking.CustomerId));
        email.Subject.Should().StartWith("Second payment refunded: ");
        email.TextBody.Should().Contain("which had already been paid").And.Contain("The second payment, of $50.00, is refunded in full.");
    }
}

/// <summary>The same on PostgreSQL, where the two deliveries really run at once.</summary>
public class SecondPaymentOnPostgresTests : SecondPaymentTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <summary>
    /// The second payment's refund is sent while the customer cancels: between the cancellation's reads of the ledger and of
    /// the refunds, it would count as neither queued nor refunded, and 100 would be queued against a 50 payment. PostgreSQL
    /// only: SQLite's write lock keeps the dispatcher out of the cancellation's transaction.
    /// </summary>
    [Fact]
    public async Task A_cancellation_while_the_second_payments_refund_is_sent_queues_only_the_first_payment()
    {
        var booking = await PaidBookingAsync(factory, "pi_first");
        stripe.ScriptRefunds(StripeStandIn.RefundAnswer.ServerError);
        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_second", 50m);
        (await RefundAsync(factory, booking)).Status.Should().Be(RefundStatus.Pending);
        factory.Transactions.BeforeNextCommand(sql => sql.Contains("FROM \"RefundRequests\""), async () =>
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(10));
            await factory.Get<RefundDispatcher>().DispatchDueAsync();
        });

        var cancelled = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));

        cancelled.Succeeded.Should().BeTrue(cancelled.Message);
        factory.Transactions.Fired.Should().Be(1, "the second payment's refund was sent during the cancellation");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.RefundRequests.AsNoTracking().Where(r => r.BookingId == booking.Id).OrderBy(r => r.Id).Select(r => new { r.PaymentReference, r.Amount }).ToListAsync())
            .Should().BeEquivalentTo([new { PaymentReference = "pi_second", Amount = 50m }, new { PaymentReference = "pi_first", Amount = 50m }],
                options => options.WithStrictOrdering());
    }
}
