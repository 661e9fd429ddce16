namespace BookingPortal.Tests.Unit.Domain;

/// <summary>The pure rules of staff approval: the hours staff have, and what withdrawing a request costs.</summary>
public class ApprovalRulesTests
{
    private static readonly DateTime Start = new(2026, 3, 11, 14, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(ServiceRules.MaxApprovalHoldHours, false)]
    [InlineData(ServiceRules.MaxApprovalHoldHours + 1, true)]
    public void The_hours_staff_have_to_answer_are_refused_beside_their_field_when_out_of_range(int hours, bool refused)
    {
        var service = DemoServices.Consultation();
        service.RequiresApproval = true;
        service.ApprovalHoldHours = hours;

        ServiceRules.Validate(service).Any(e => e.Field == nameof(Service.ApprovalHoldHours)).Should().Be(refused);
    }

    [Fact]
    public void Withdrawing_a_request_inside_the_fee_window_costs_nothing_because_nothing_was_agreed()
    {
        var booking = new Booking
        {
            ConfirmationNumber = "ABCD-EFGH", CustomerId = "c", Currency = "USD", IdempotencyKey = "k",
            Status = BookingStatus.AwaitingApproval, StartUtc = Start, EndUtc = Start.AddHours(1), Price = 200m, DepositAmount = 50m,
            FreeCancellationHours = 48, CancellationFee = 25m,
        };

        var quote = CancellationPolicy.Quote(booking, Start.AddHours(-2));

        (quote.IsFree, quote.FeeRetained).Should().Be((true, 0m));
        CancellationPolicy.CheckAllowed(booking, Start.AddHours(-2), byStaff: false).Should().BeNull("a request still holds its seat, so the customer may withdraw it");
    }
}
