using BookingPortal.Features.Cancellation.Components;

namespace BookingPortal.Tests.Unit.Features.Cancellation;

public class StaffCancelChoiceTests
{
    [Fact]
    public void A_waived_fee_needs_a_reason_and_unticking_the_waiver_drops_the_complaint()
    {
        var choice = new StaffCancelChoice();
        choice.Waive(true);

        var withoutReason = choice.IsComplete();
        var missingShown = choice.ReasonMissing;
        choice.Waive(false);

        (withoutReason, missingShown, choice.ReasonMissing, choice.IsComplete()).Should().Be((false, true, false, true));
    }

    [Fact]
    public void A_waived_fee_with_a_reason_and_a_plain_cancellation_can_be_sent()
    {
        var waived = new StaffCancelChoice { Reason = "Flooded street" };
        waived.Waive(true);

        (waived.IsComplete(), new StaffCancelChoice().IsComplete()).Should().Be((true, true));
    }
}
