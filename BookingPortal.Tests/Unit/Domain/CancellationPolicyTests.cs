namespace BookingPortal.Tests.Unit.Domain;

public class CancellationPolicyTests
{
    private static readonly DateTime Start = new(2026, 3, 11, 14, 0, 0, DateTimeKind.Utc);
    private readonly Booking booking = new()
    {
        ConfirmationNumber = "ABCD-EFGH",
        CustomerId = "c",
        Currency = "USD",
        IdempotencyKey = "k",
        Status = BookingStatus.Confirmed,
        StartUtc = Start,
        EndUtc = Start.AddHours(1),
        Price = 200m,
        DepositAmount = 50m,
        FreeCancellationHours = 48,
        CancellationFee = 25m,
    };

    [Fact]
    public void Exactly_48_hours_before_the_start_is_still_free()
    {
        var quote = CancellationPolicy.Quote(booking, Start.AddHours(-48));

        quote.IsFree.Should().BeTrue();
        quote.FeeRetained.Should().Be(0m);
        quote.Refund.Should().Be(50m);
        quote.FreeUntilUtc.Should().Be(Start.AddHours(-48));
    }

    [Fact]
    public void At_47_hours_59_minutes_the_fee_is_kept_and_the_rest_refunded()
    {
        var quote = CancellationPolicy.Quote(booking, Start.AddHours(-47).AddMinutes(-59));

        quote.IsFree.Should().BeFalse();
        quote.FeeRetained.Should().Be(25m);
        quote.Refund.Should().Be(25m);
    }

    [Fact]
    public void Nothing_is_kept_for_a_hold_never_paid_even_inside_the_fee_window()
    {
        booking.Status = BookingStatus.PendingPayment;

        var quote = CancellationPolicy.Quote(booking, Start.AddHours(-2));

        quote.IsFree.Should().BeTrue();
        quote.FeeRetained.Should().Be(0m);
        quote.Refund.Should().Be(50m, "a payment still on its way is refunded whole, as when the hold lapses");
    }

    [Fact]
    public void The_fee_never_exceeds_the_deposit()
    {
        booking.CancellationFee = 80m;

        CancellationPolicy.Quote(booking, Start.AddHours(-1)).Should().Match<CancellationQuote>(q => q.FeeRetained == 50m && q.Refund == 0m);
    }

    [Fact]
    public void Staff_can_waive_the_fee_and_the_waiver_is_marked()
    {
        var quote = CancellationPolicy.Quote(booking, Start.AddHours(-2), waiveFee: true);

        quote.FeeRetained.Should().Be(0m);
        quote.Refund.Should().Be(50m);
        quote.FeeWaived.Should().BeTrue();
    }

    [Fact]
    public void After_the_start_customers_are_refused_but_staff_may_cancel()
    {
        CancellationPolicy.CheckAllowed(booking, Start, byStaff: false).Should().Be(CancellationRefusal.Started);
        CancellationPolicy.CheckAllowed(booking, Start.AddMinutes(5), byStaff: true).Should().BeNull();
        CancellationPolicy.CheckAllowed(booking, Start.AddSeconds(-1), byStaff: false).Should().BeNull();
    }

    [Theory]
    [InlineData(BookingStatus.Cancelled)]
    [InlineData(BookingStatus.Completed)]
    [InlineData(BookingStatus.NoShow)]
    public void A_booking_that_has_ended_cannot_be_cancelled_again(BookingStatus status)
    {
        booking.Status = status;

        CancellationPolicy.CheckAllowed(booking, Start.AddDays(-5), byStaff: true).Should().Be(CancellationRefusal.AlreadyEnded);
    }
}
