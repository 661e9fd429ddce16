using BookingPortal.Features.Booking.Components;

namespace BookingPortal.Tests.Components;

/// <summary>My appointments' rows: a request awaiting approval says until when its seat is held, as the confirmation page does.</summary>
public class AppointmentListTests : BookingComponentsTestContext
{
    [Fact]
    public void A_request_awaiting_approval_says_until_when_its_seat_is_held_with_the_zone_named()
    {
        var list = Render<AppointmentList>(p => p.Add(x => x.Bookings, [ApprovalNoticeTests.Request()]));

        list.Find("[data-testid=approval-held-until]").TextContent.Should().Contain(
            "Your seat is held until Saturday 7 March 2026, 9:00 AM New York time (America/New_York)");
        list.Markup.Should().Contain("Awaiting approval");
    }

    [Fact]
    public void A_confirmed_booking_has_no_hold_to_tell()
    {
        var list = Render<AppointmentList>(p => p.Add(x => x.Bookings, [ApprovalNoticeTests.Request(BookingStatus.Confirmed)]));

        list.FindAll("[data-testid=approval-held-until]").Should().BeEmpty();
    }
}
