using BookingPortal.Features.Booking.Components;

namespace BookingPortal.Tests.Components;

/// <summary>The confirmation page's "what happens next": arrival advice only for a confirmed appointment still ahead, and the deposit at reception only when it is owed there.</summary>
public class WhatHappensNextTests : BookingComponentsTestContext
{
    private const string Arrive = "Please arrive ten minutes early";
    private const string AtReception = "where the deposit is paid";

    // The sample booking starts on Tuesday 10 March 2026 at 14:00 UTC.
    private static readonly DateTime Start = ApprovalNoticeTests.Request().StartUtc;

    private string Advice(BookingStatus status, decimal balance, DateTime nowUtc)
    {
        Context.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(nowUtc, TimeSpan.Zero)));
        var booking = ApprovalNoticeTests.Request(status) with { Ledger = new LedgerSummary(Owed: 50m, Paid: 50m - balance, Refunded: 0m, Retained: 0m) };
        return Render<WhatHappensNext>(p => p.Add(x => x.Booking, booking)).Find("[data-testid=what-happens-next]").TextContent;
    }

    [Fact]
    public void A_confirmed_appointment_ahead_whose_deposit_is_owed_is_told_to_pay_it_at_reception() =>
        Advice(BookingStatus.Confirmed, balance: 50m, Start.AddDays(-2)).Should().Contain(Arrive).And.Contain(AtReception);

    [Fact]
    public void A_confirmed_appointment_ahead_already_paid_is_told_only_to_arrive_early() =>
        Advice(BookingStatus.Confirmed, balance: 0m, Start.AddDays(-2)).Should().Contain(Arrive).And.NotContain(AtReception);

    [Fact]
    public void A_booking_waiting_for_its_online_deposit_is_not_told_it_is_paid_at_reception() =>
        Advice(BookingStatus.PendingPayment, balance: 50m, Start.AddDays(-2)).Should().NotContain(AtReception).And.NotContain(Arrive);

    [Theory]
    [InlineData(BookingStatus.Cancelled)]
    [InlineData(BookingStatus.Completed)]
    [InlineData(BookingStatus.NoShow)]
    [InlineData(BookingStatus.AwaitingApproval)]
    public void A_booking_that_ended_or_is_not_yet_approved_is_not_told_to_arrive(BookingStatus status) =>
        Advice(status, balance: 0m, Start.AddDays(-2)).Should().NotContain(Arrive).And.Contain("Keep your confirmation number");

    [Fact]
    public void A_confirmed_appointment_whose_start_has_passed_is_not_told_to_arrive() =>
        Advice(BookingStatus.Confirmed, balance: 50m, Start.AddMinutes(1)).Should().NotContain(Arrive);
}
