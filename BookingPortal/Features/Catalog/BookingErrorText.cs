using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Catalog;

/// <summary>
/// A refused booking in the customer's language. The same refusals as BookingRules.Describe, which stays
/// the English text of the API and the logs.
/// </summary>
public static class BookingErrorText
{
    public static string For(BookingError error, Service? service, IStringLocalizer<PortalText> text) => (error, service) switch
    {
        (BookingError.ServiceNotFound, _) => text["This service does not exist or is no longer offered."],
        (BookingError.SlotNotFound, _) => text["That time is not one of this service's slots. Please pick a time from the list."],
        (BookingError.DayNotAvailable, _) => text["This service is not offered on that day."],
        (BookingError.TooSoon, { } s) => text["Bookings must be made at least {0} in advance.", BookingRulesText.Count(text, s.MinAdvanceBookingHours, "1 hour", "{0} hours")],
        (BookingError.TooFarAhead, { } s) => text["Bookings open {0} in advance; that time is further out.", BookingRulesText.Count(text, s.MaxAdvanceBookingDays, "1 day", "{0} days")],
        (BookingError.SlotFull, _) => text["Sorry, that time was just taken. Please choose another time."],
        (BookingError.LimitReached, { } s) => text["You already have {0}, the most allowed for this service. Cancel one to book another.", BookingRulesText.Count(text, s.MaxActiveBookingsPerCustomer, "1 upcoming booking", "{0} upcoming bookings")],
        (BookingError.BookingNotFound, _) => text["We couldn't find that booking."],
        (BookingError.BookingNotActive, _) => text["This booking is no longer active, so it cannot be moved."],
        (BookingError.SameSlot, _) => text["Your booking is already at that time."],
        (BookingError.OutsideRelease, _) => text["This time is not part of the current release. Please pick one of the dates the calendar offers."],
        (BookingError.NotAdmitted, _) => text["Your turn to book has not come yet, or it has run out. Please join the waiting room to book."],
        (BookingError.NeedsStaffHelp, _) => text["Because of earlier missed appointments, please book this one with our reception team (by phone or at the desk)."],
        (BookingError.ChangeWindowClosed, { } s) => text["Bookings can be moved online until {0} before the start. Please contact reception to change this one.", BookingRulesText.Count(text, s.ChangesAllowedUntilHours, "1 hour", "{0} hours")],
        (BookingError.ChangeWindowClosed, _) => text["This booking can no longer be moved online. Please contact reception."],
        (BookingError.SeatAlreadyHeld, _) => text["You already have a seat at this time. Each customer may book one seat per time slot; choose another time."],
        (BookingError.IdempotencyKeyReused, _) => text["This booking request was already used for another time. Please try again."],
        (BookingError.PractitionerUnavailable, _) => text["That practitioner is no longer free at this time. Please choose another time or another practitioner."],
        (BookingError.EmailNotConfirmed, _) => text["Please confirm your e-mail address before booking: use the link we sent you."],
        (BookingError.AnswersInvalid, _) => text["Please check your answers to the questions above."],
        (BookingError.TermsChanged, _) => text["The price, deposit or cancellation terms changed while you were booking. Nothing is booked: please read the new terms and book again."],
        _ => text["The booking could not be made. Please try again."],
    };
}
