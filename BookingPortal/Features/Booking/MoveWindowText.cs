using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Booking;

/// <summary>What the customer is told about moving a booking before they pick a new time.</summary>
/// <param name="CanMove">Whether "Change time" is offered: the cutoff has not passed, or staff act for the customer.</param>
public sealed record MoveWindowNote(bool CanMove, string Text);

/// <summary>The change cutoff (<see cref="MoveRules"/>) in the customer's words and language, in the service's local time with its zone named.</summary>
public static class MoveWindowText
{
    public static MoveWindowNote For(BookingView booking, DateTime nowUtc, bool actsForCustomer, IStringLocalizer<PortalText> text, CultureInfo culture)
    {
        var window = booking.MoveWindowAt(nowUtc);
        var closesAt = text.Moment(window.ClosesAtUtc, booking.TimeZoneId, culture);
        if (window.IsOpen)
        {
            return new MoveWindowNote(true, text["Changes are possible until {0}; after that please contact reception.", closesAt]);
        }

        return actsForCustomer
            ? new MoveWindowNote(true, text["The customer could change this booking online until {0}; staff can still move it.", closesAt])
            : new MoveWindowNote(false, text["Changes were possible until {0}, so this booking can no longer be moved online. Please contact reception to change it.", closesAt]);
    }
}
