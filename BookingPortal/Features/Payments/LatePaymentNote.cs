using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Payments;

/// <summary>
/// What the booking's page says when the customer's payment arrived after the seat was released (the hold ran out
/// with the checkout still open at the provider, or the booking was cancelled meanwhile). A bare "This booking was
/// cancelled" to someone just back from paying reads as money taken for nothing; they are told it is being refunded.
/// </summary>
public static class LatePaymentNote
{
    /// <returns>The note, or null when no payment came after the booking ended.</returns>
    public static string? For(BookingView booking, IStringLocalizer<PortalText> text, CultureInfo culture)
    {
        if (!booking.PaidAfterItEnded)
        {
            return null;
        }

        // What was charged: the part already refunded is no longer counted as paid.
        var charged = booking.Ledger is { } ledger ? ledger.Paid + ledger.Refunded : booking.DepositAmount;
        return text["Your payment of {0} arrived after the seat had been released, so this booking could not be confirmed. A refund of {0} is on its way to your card.",
            DisplayFormat.Money(charged, booking.Currency, culture)];
    }
}
