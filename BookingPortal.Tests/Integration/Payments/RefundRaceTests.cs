using static BookingPortal.Tests.Integration.Payments.DurableRefundTests;

namespace BookingPortal.Tests.Integration.Payments;

/// <summary>
/// Refund × refund, and the payment webhook against whatever else may change a held booking at that moment
/// (a cancellation, the hold running out, a move, the same payment delivered twice): one outcome, one refund at most.
/// </summary>
public class RefundRaceTests() : StripeSuite(scheduledJobs: false)
{
    [Fact]
    public async Task The_job_and_fast_paths_racing_on_one_due_refund_send_it_once()
    {
        var booking = await CancelledWhileRefundsFailAsync(factory, stripe, "pi_race");
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

    [Fact]
    public async Task The_payment_webhook_racing_the_hold_expiry_either_confirms_or_cancels_and_refunds_once()
    {
        for (var round = 0; round < 4; round++)
        {
            var booking = await HeldBookingAsync(factory);
            factory.Clock.Advance(TimeSpan.FromMinutes(11));

            var (_, expired) = await Race.BothAtOnceAsync(
                async () =>
                {
                    await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, $"pi_expiry_{round}", 50m);
                    return true;
                },
                () => factory.Get<HoldExpiryService>().ExpireDueHoldsAsync());

            await using var db = await factory.DbFactory.CreateDbContextAsync();
            (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(expired == 1 ? BookingStatus.Cancelled : BookingStatus.Confirmed,
                $"round {round}: the expiry ends only a hold still unpaid");
            (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositCharged)).Should().Be(1);
            if (expired == 1)
            {
                await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
            }
            else
            {
                (await db.RefundRequests.AnyAsync(r => r.BookingId == booking.Id)).Should().BeFalse($"round {round}: a confirmed booking owes nothing back");
                (await LedgerAsync(factory, booking)).Balance.Should().Be(0m);
            }
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_same_payment_delivered_twice_at_once_is_charged_once()
    {
        for (var round = 0; round < 4; round++)
        {
            var booking = await HeldBookingAsync(factory);
            var pay = () => factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, $"pi_twice_{round}", 50m);

            await Race.AllAtOnceAsync<bool>([async () => { await pay(); return true; }, async () => { await pay(); return true; }]);

            await using var db = await factory.DbFactory.CreateDbContextAsync();
            (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(BookingStatus.Confirmed);
            (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositCharged)).Should().Be(1, $"round {round}");
            (await db.RefundRequests.AnyAsync(r => r.BookingId == booking.Id)).Should().BeFalse();
        }
    }

    [Fact]
    public async Task The_payment_webhook_racing_a_move_confirms_the_booking_on_the_slot_it_ends_on()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var later = (await factory.BookableSlotsAsync(service)).Skip(4).Take(4).ToList();
        for (var round = 0; round < 4; round++)
        {
            var booking = await HeldBookingAsync(factory);

            var (_, moved) = await Race.BothAtOnceAsync(
                async () =>
                {
                    await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, $"pi_move_{round}", 50m);
                    return true;
                },
                () => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, later[round].StartUtc)));

            await using var db = await factory.DbFactory.CreateDbContextAsync();
            var after = await db.Bookings.SingleAsync(b => b.Id == booking.Id);
            (after.Status, after.StartUtc).Should().Be((BookingStatus.Confirmed, moved.Succeeded ? later[round].StartUtc : booking.StartUtc), $"round {round} ({moved.Message})");
            (await LedgerAsync(factory, booking)).Balance.Should().Be(0m);
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_payment_webhook_racing_staff_closing_the_slot_ends_cancelled_and_refunds_the_deposit_once()
    {
        var staff = await factory.StaffAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var slots = (await factory.BookableSlotsAsync(service)).Skip(4).Take(4).ToList();
        for (var round = 0; round < 4; round++)
        {
            var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[round].StartUtc);
            booking.Status.Should().Be(BookingStatus.PendingPayment);

            await Race.BothAtOnceAsync(
                async () =>
                {
                    await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, $"pi_close_{round}", 50m);
                    return true;
                },
                () => factory.Get<SlotCalendarService>().CloseSlotAsync(staff, service.Id, slots[round].StartUtc, cancelBookings: true));
            await factory.Get<RefundDispatcher>().DispatchDueAsync();

            await PaidThenCancelledAsync(booking, $"round {round}");
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_payment_webhook_racing_the_customer_closing_the_account_ends_cancelled_and_refunds_the_deposit_once()
    {
        for (var round = 0; round < 4; round++)
        {
            var booking = await HeldBookingAsync(factory);

            await Race.BothAtOnceAsync(
                async () =>
                {
                    await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, $"pi_closing_{round}", 50m);
                    return true;
                },
                () => factory.Get<Features.Accounts.AccountClosing>().CloseAsync(booking.CustomerId));
            await factory.Get<RefundDispatcher>().DispatchDueAsync();

            await PaidThenCancelledAsync(booking, $"round {round}");
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    /// <summary>Whichever came first, the booking ends cancelled with its one charge given back once.</summary>
    private async Task PaidThenCancelledAsync(BookingView booking, string round)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(BookingStatus.Cancelled, round);
        (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositCharged)).Should().Be(1, round);
        await ShouldBeRefundedOnceAsync(factory, stripe, booking, 50m, expectedRequests: 1);
    }
}

public class RefundRaceOnPostgresTests : RefundRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
