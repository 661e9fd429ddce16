using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Admin;

/// <summary>
/// A booking's status on the staff pages, in the page's language. English keeps the status's own name ("NoShow"), as staff
/// and the end-to-end tests have always read it; the customer pages use their own words (AppointmentList.StatusLabel).
/// </summary>
public static class BookingStatusText
{
    public static string Of(IStringLocalizer<PortalText> text, BookingStatus status) => status switch
    {
        BookingStatus.PendingPayment => text["PendingPayment"],
        BookingStatus.Confirmed => text["Confirmed"],
        BookingStatus.Cancelled => text["Cancelled"],
        BookingStatus.Completed => text["Completed"],
        BookingStatus.NoShow => text["NoShow"],
        BookingStatus.AwaitingApproval => text["AwaitingApproval"],
        _ => status.ToString(),
    };
}
