using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;

namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>
/// Another operation landing between a cancellation's read and its transaction, every time (the racing
/// suites reach that window only in some rounds): the cancellation must act on the booking as it is then.
/// </summary>
public class CancelInterleavingTests() : StripeSuite(scheduledJobs: false)
{
    [Fact]
    public async Task A_payment_landing_after_the_cancellation_read_the_hold_gets_the_confirmed_booking_s_message_and_refund()
    {
        var booking = await HeldBookingAsync(factory);
        factory.Transactions.BeforeNext(() => factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_meanwhile", 50m));

        var result = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false));

        factory.Transactions.Fired.Should().Be(1, "the payment landed between the read and the cancellation's transaction");
        result.Succeeded.Should().BeTrue();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(BookingStatus.Cancelled);
        var kinds = await db.OutboxMessages.Where(m => m.BookingId == booking.Id && m.Channel == NotificationChannel.Email)
            .Select(m => m.Kind).ToListAsync();
        kinds.Should().Contain(NotificationKind.Cancellation, "the customer was told the booking was confirmed, so is told it was cancelled");
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
    }
}

public class CancelInterleavingOnPostgresTests : CancelInterleavingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
