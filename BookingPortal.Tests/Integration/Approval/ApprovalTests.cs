using BookingPortal.Features.Approval;
using static BookingPortal.Tests.Integration.Approval.ApprovalTestSupport;

namespace BookingPortal.Tests.Integration.Approval;

/// <summary>A service that requires staff approval, from the request to the answer (or the lapse), with the seat, the money and the messages.</summary>
public class ApprovalTests
{
    [Fact]
    public async Task A_request_holds_its_seat_charges_nothing_and_is_confirmed_when_staff_approve()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await ApprovalRequestAsync(factory);

        booking.Status.Should().Be(BookingStatus.AwaitingApproval);
        booking.ApprovalDeadlineUtc.Should().Be(factory.Clock.GetUtcNow().UtcDateTime.AddHours(48));
        BookingStatusName.Of(booking.Status).Should().Be("awaiting-approval");
        (await EventKeysAsync(factory, booking.Id)).Should().Contain($"requested:{booking.Id}").And.NotContain($"confirmation:{booking.Id}");

        var result = await factory.Get<BookingApprovals>().ApproveAsync(await factory.StaffAsync(), booking.Id);

        result.Outcome.Should().Be(ApprovalOutcome.Approved, "the default gateway takes the deposit at reception");
        var approved = await ReadAsync(factory, booking.Id);
        approved.Status.Should().Be(BookingStatus.Confirmed);
        approved.ExpiresAtUtc.Should().BeNull();
        (await EventKeysAsync(factory, booking.Id)).Should().Contain($"approved:{booking.Id}");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.AnyAsync(a => a.Subject == booking.ConfirmationNumber && a.Action == "booking.approved")).Should().BeTrue();
        (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.DepositCharged)).Should().Be(0, "nothing is charged online");
        (await factory.Get<BookingApprovals>().ApproveAsync(await factory.StaffAsync(), booking.Id)).Outcome.Should().Be(ApprovalOutcome.NotAwaiting);
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Staff_cancelling_a_request_tell_its_customer_who_was_told_it_was_received()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await ApprovalRequestAsync(factory);

        var result = await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, (await factory.StaffAsync()).Id, IsStaff: true, Reason: "The clinic is closed that day."));

        result.Outcome.Should().Be(CancelOutcome.Cancelled);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.OutboxMessages.CountAsync(m => m.BookingId == booking.Id && m.Kind == NotificationKind.Cancellation && m.Channel == NotificationChannel.Email))
            .Should().Be(1, "the customer was e-mailed that the request was received");
    }

    [Fact]
    public async Task Declining_tells_the_customer_why_waives_the_deposit_and_offers_the_seat_to_the_waitlist()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        var (service, slots) = await ApprovalServiceAsync(factory, DemoSeeder.VideoConsultationName);
        var slot = slots[0];
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        var waiting = (await factory.CreateCustomersAsync(1))[0];
        (await factory.Get<WaitlistJoining>().JoinAsync(waiting, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc)).Succeeded.Should().BeTrue();
        var staff = await factory.StaffAsync();

        (await factory.Get<BookingApprovals>().DeclineAsync(staff, booking.Id, "  ")).Outcome.Should().Be(ApprovalOutcome.ReasonRequired);
        (await factory.Get<BookingApprovals>().DeclineAsync(staff, booking.Id, new string('x', 501))).Outcome.Should().Be(ApprovalOutcome.ReasonRequired);
        var result = await factory.Get<BookingApprovals>().DeclineAsync(staff, booking.Id, "Please ask your doctor for a referral first.");

        result.Outcome.Should().Be(ApprovalOutcome.Declined);
        var declined = await ReadAsync(factory, booking.Id);
        (declined.Status, declined.DeclinedAtUtc is not null, declined.CancellationReason).Should().Be((BookingStatus.Cancelled, true, "Please ask your doctor for a referral first."));
        var view = await factory.Get<BookingReader>().GetAsync(booking.ConfirmationNumber, booking.CustomerId, isStaff: false);
        view!.DeclineReason.Should().Be("Please ask your doctor for a referral first.");
        (await factory.Get<WaitlistService>().ListForCustomerAsync(waiting)).Single().Status.Should().Be(WaitlistStatus.Offered, "the freed seat goes to the first person waiting");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var declinedMail = await db.OutboxMessages.SingleAsync(m => m.EventKey == $"declined:{booking.Id}" && m.Channel == NotificationChannel.Email);
        declinedMail.TextBody.Should().Contain("Please ask your doctor for a referral first.");
        (await db.LedgerEntries.SumAsync(e => e.Kind == LedgerEntryKind.DepositWaived ? e.Amount : 0)).Should().Be(booking.DepositAmount);
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unanswered_request_lapses_at_its_deadline_and_is_too_late_to_approve()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await ApprovalRequestAsync(factory);

        (await factory.Get<ApprovalLapseService>().LapseDueAsync()).Should().Be(0, "its deadline is two days away");
        factory.Clock.Advance(TimeSpan.FromHours(48));
        (await factory.Get<BookingApprovals>().ApproveAsync(await factory.StaffAsync(), booking.Id)).Outcome.Should().Be(ApprovalOutcome.TooLate);
        (await factory.Get<ApprovalLapseService>().LapseDueAsync()).Should().Be(1);
        (await factory.Get<ApprovalLapseService>().LapseDueAsync()).Should().Be(0);

        var lapsed = await ReadAsync(factory, booking.Id);
        (lapsed.Status, lapsed.CancellationReason).Should().Be((BookingStatus.Cancelled, ApprovalLapseService.LapsedReason));
        (await EventKeysAsync(factory, booking.Id)).Should().Contain($"declined:{booking.Id}");
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task With_an_online_gateway_approval_asks_for_the_deposit_and_the_payment_confirms_it()
    {
        await using var stripe = await StripeStandIn.StartAsync();
        await using var factory = new StripePortalFactory(stripe);
        await factory.StartWithoutScheduledJobsAsync();
        var booking = await ApprovalRequestAsync(factory);
        booking.Status.Should().Be(BookingStatus.AwaitingApproval, "no checkout is offered before staff approve");

        var result = await factory.Get<BookingApprovals>().ApproveAsync(await factory.StaffAsync(), booking.Id);

        result.Outcome.Should().Be(ApprovalOutcome.ApprovedAwaitingDeposit);
        var approved = await ReadAsync(factory, booking.Id);
        (approved.Status, approved.ExpiresAtUtc).Should().Be((BookingStatus.PendingPayment, factory.Clock.GetUtcNow().UtcDateTime + ApprovalTransitions.DepositPaymentTime));
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            (await db.OutboxMessages.SingleAsync(m => m.EventKey == $"approved:{booking.Id}" && m.Channel == NotificationChannel.Email)).TextBody.Should().Contain("Please pay the deposit");
        }

        await factory.Get<PaymentService>().RecordDepositPaidAsync(booking.Id, "pi_approved", booking.DepositAmount);
        (await ReadAsync(factory, booking.Id)).Status.Should().Be(BookingStatus.Confirmed);
        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_list_of_requests_shows_the_ones_to_answer_soonest_and_counts_them_all()
    {
        await using var factory = new PortalFactory();
        await factory.StartWithoutScheduledJobsAsync();
        var (service, slots) = await ApprovalServiceAsync(factory);
        var requests = new List<BookingView>();
        foreach (var slot in slots.Take(3))
        {
            requests.Add(await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc));
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var staff = await factory.StaffAsync();
        var firstTwo = await factory.Get<BookingApprovals>().ListAwaitingAsync(staff, max: 2);
        var all = await factory.Get<BookingApprovals>().ListAwaitingAsync(staff);

        firstTwo.Total.Should().Be(3, "the heading counts every request waiting, not the ones listed");
        firstTwo.Rows.Select(r => r.Booking.Id).Should().Equal(requests[0].Id, requests[1].Id);
        (all.Total, all.Rows.Count).Should().Be((3, 3));
    }
}
