using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>What the confirmation page's status line says of its booking when nothing more particular is to be said.</summary>
public static class ConfirmationStatusText
{
    public static string For(BookingStatus status, IStringLocalizer<PortalText> text) => status switch
    {
        BookingStatus.Confirmed => text["Your appointment is booked."],
        BookingStatus.PendingPayment => text["Your seat is held until the deposit is paid."],
        BookingStatus.Cancelled => text["This booking was cancelled."],
        BookingStatus.Completed => text["This appointment has taken place."],
        BookingStatus.NoShow => text["This appointment was missed."],
        BookingStatus.AwaitingApproval => text["Your request is waiting for staff approval."],
        _ => status.ToString(),
    };
}
