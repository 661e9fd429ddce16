using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>What the confirmation page's status line says of its booking when nothing more particular is to be said.</summary>
public static class ConfirmationStatusText
{
    /// <param name="takesPaymentOnline">
    /// <see cref="Payments.PaymentService.TakesPaymentOnline"/>, as the pay panel below reads it: after the switch to pay at
    /// reception a held booking can no longer be paid, so the line above the panel does not say it waits for the deposit.
    /// </param>
    public static string For(BookingStatus status, bool takesPaymentOnline, IStringLocalizer<PortalText> text) => status switch
    {
        BookingStatus.Confirmed => text["Your appointment is booked."],
        BookingStatus.PendingPayment when !takesPaymentOnline => text["This booking can no longer be paid online. Its seat is held until its hold ends."],
        BookingStatus.PendingPayment => text["Your seat is held until the deposit is paid."],
        BookingStatus.Cancelled => text["This booking was cancelled."],
        BookingStatus.Completed => text["This appointment has taken place."],
        BookingStatus.NoShow => text["This appointment was missed."],
        BookingStatus.AwaitingApproval => text["Your request is waiting for staff approval."],
        _ => status.ToString(),
    };
}
