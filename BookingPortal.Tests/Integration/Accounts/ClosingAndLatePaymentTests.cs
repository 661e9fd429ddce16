using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;

namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// A payment that arrives while its customer's account is closing. The closing shuts the account's gate, cancels what
/// is upcoming, then forgets the messages queued for the account; a late payment recorded between those steps owes
/// the money back (it is refunded) but must not write to the account being closed: the closing's last step may have
/// run before its message was queued, and the address it read would then be written to after the account was gone.
/// </summary>
public class ClosingAndLatePaymentTests() : StripeSuite(scheduledJobs: false)
{
    [Fact]
    public async Task A_deposit_paid_while_the_account_closes_is_refunded_without_a_message_to_the_closing_account()
    {
        var booking = await HeldBookingAsync(factory);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // The closing's first steps, as AccountClosing takes them: the gate shut, the held booking cancelled.
            await BookingWrites.ShutCustomerGateAsync(db, booking.CustomerId, factory.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        }

        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false))).Succeeded.Should().BeTrue();

        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_while_closing", 50m);

        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
        await using var after = await factory.DbFactory.CreateDbContextAsync();
        (await after.OutboxMessages.Where(m => m.BookingId == booking.Id && m.Channel != NotificationChannel.Webhook).Select(m => m.Kind).ToListAsync())
            .Should().BeEmpty("the account is closing: nothing is written to its address, neither the cancellation nor the late payment's refund");
    }
}

/// <summary>The same on PostgreSQL.</summary>
public class ClosingAndLatePaymentOnPostgresTests : ClosingAndLatePaymentTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
