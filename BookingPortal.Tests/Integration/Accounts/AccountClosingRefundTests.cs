using BookingPortal.Tests.Integration.Payments;
using static BookingPortal.Tests.TestSupport.StripeStandIn;

namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// Closing an account whose upcoming booking holds a deposit paid by card (Stripe's stand-in): the
/// deposit goes back through the durable refund queue, even when Stripe is down at that moment,
/// and the ledger balances once it is sent.
/// </summary>
public class AccountClosingRefundTests() : StripeSuite(scheduledJobs: false)
{
    [Fact]
    public async Task Closing_an_account_with_a_paid_deposit_queues_the_refund_durably_and_the_ledger_balances_once_sent()
    {
        var customer = await factory.CreateSignInCustomerAsync();
        var booking = await PaidBookingOfAsync(factory, customer.Id);
        using var client = await factory.SignInAsync(customer.Email, customer.Password);
        // Stripe is down when the account closes: only the durable queue can still give the money back.
        stripe.ScriptRefunds(RefundAnswer.ServerError);

        var closed = await client.SubmitFormAsync("/Account/Manage/DeletePersonalData", new() { ["Input.Password"] = customer.Password });

        closed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(BookingStatus.Cancelled);
            (await db.Users.SingleAsync(u => u.Id == customer.Id)).Email.Should().BeNull("the account is closed although its refund is still owed");
        }

        var pending = await DurableRefundTests.RefundAsync(factory, booking);
        (pending.Status, pending.Amount, pending.Attempts).Should().Be((RefundStatus.Pending, 50m, 1));
        (await DurableRefundTests.LedgerAsync(factory, booking)).Balance.Should().Be(-50m, "the closed account is owed its deposit until Stripe takes the refund");

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        (await factory.Get<RefundDispatcher>().DispatchDueAsync()).Should().Be(1, "the dispatcher sends a closed account's refund like any other");

        await DurableRefundTests.ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 2);
    }

    private static async Task<BookingView> PaidBookingOfAsync(PortalFactory factory, string customerId)
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var slot = (await factory.BookableSlotsAsync(service))[^1];
        var reserved = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customerId, service.Id, slot.StartUtc, "deposit-then-close"));
        reserved.Succeeded.Should().BeTrue(reserved.Message);
        reserved.Booking!.Status.Should().Be(BookingStatus.PendingPayment, "the consultation asks for a deposit");
        await factory.Get<PaymentService>().RecordDepositPaidAsync(reserved.Booking.Id, "pi_closing", 50m);
        return reserved.Booking;
    }
}
