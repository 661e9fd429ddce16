using BookingPortal.Features.Booking.Components;

namespace BookingPortal.Tests.Components;

/// <summary>A request awaiting staff approval says until when its seat is held, on the service's clock with the zone named.</summary>
public class ApprovalNoticeTests : BookingComponentsTestContext
{
    // Tuesday 10 March 2026, 10:00 in New York (EDT); the request lapses on Saturday 7 March at 9:00 (EST).
    private static readonly DateTime Start = new(2026, 3, 10, 14, 0, 0, DateTimeKind.Utc);

    public static BookingView Request(BookingStatus status = BookingStatus.AwaitingApproval) => new(
        Guid.NewGuid(), "ABCD-EFGH", "customer", 1, "Consultation", status, Start, Start.AddHours(1),
        new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(-4)), new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.FromHours(-4)),
        "America/New_York", 60, LocationKind.InPerson, "1 Main Street", null, 200m, 50m, "USD", Start.AddDays(-5))
    {
        ApprovalDeadlineUtc = status == BookingStatus.AwaitingApproval ? new DateTime(2026, 3, 7, 14, 0, 0, DateTimeKind.Utc) : null,
    };

    [Fact]
    public void The_seat_is_held_until_a_time_with_the_services_zone_named()
    {
        var notice = Render<ApprovalNotice>(p => p.Add(x => x.Booking, Request()));

        notice.Find("[data-testid=approval-notice]").TextContent.Should().Contain(
            "Your seat is held until Saturday 7 March 2026, 9:00 AM New York time (America/New_York); nothing is charged");
    }

    [Fact]
    public void In_Spanish_the_zone_is_named_in_Spanish()
    {
        using var spanish = Localization.InCulture("es-ES");

        var notice = Render<ApprovalNotice>(p => p.Add(x => x.Booking, Request()));

        notice.Find("[data-testid=approval-notice]").TextContent.Should().Contain(
            "Su plaza está reservada hasta el sábado, 7 de marzo de 2026, 9:00 hora de New York (America/New_York); no se cobra");
    }
}
