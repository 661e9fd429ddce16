namespace BookingPortal.Domain;

/// <summary>Why a booking request was refused. Each has a stable code the UI and the API can rely on.</summary>
public enum BookingError
{
    ServiceNotFound,
    SlotNotFound,
    DayNotAvailable,
    TooSoon,
    TooFarAhead,
    SlotFull,
    LimitReached,
    InvalidRequest,
    BookingNotFound,
    BookingNotActive,
    SameSlot,

    /// <summary>The customer reached the no-show limit staff set: only staff can book for them.</summary>
    NeedsStaffHelp,

    /// <summary>The service books through a waiting room and this customer has no current admission.</summary>
    NotAdmitted,

    /// <summary>The service's release sells only the slots of a date range, and this one is outside it.</summary>
    OutsideRelease,

    /// <summary>The booking starts too soon to be moved online (the service's change cutoff has passed): only staff can move it.</summary>
    ChangeWindowClosed,

    /// <summary>The idempotency key already made a booking from a different request (another service, slot or customer).</summary>
    IdempotencyKeyReused,

    /// <summary>The customer already holds a seat in this slot, and the service gives each customer one seat per slot.</summary>
    SeatAlreadyHeld,
    /// <summary>Identity:RequireConfirmedEmail is on and the customer has not confirmed their address yet.</summary>
    EmailNotConfirmed,

    /// <summary>The practitioner asked for (or, for "any available", every one) is not free at that time, or no room is.</summary>
    PractitionerUnavailable,

    /// <summary>An answer to the service's booking questions is missing or invalid (see the result's answer problems).</summary>
    AnswersInvalid,

    /// <summary>The service's price, deposit or cancellation terms changed after the customer was shown them: nothing is booked.</summary>
    TermsChanged,
}

/// <summary>The booking window: pure rules, evaluated against an instant the caller supplies.</summary>
public static class BookingRules
{
    public static DateTime EarliestStartUtc(Service service, DateTime nowUtc) =>
        nowUtc.AddHours(service.MinAdvanceBookingHours);

    public static DateTime LatestStartUtc(Service service, DateTime nowUtc) =>
        nowUtc.AddDays(service.MaxAdvanceBookingDays);

    public static BookingError? CheckWindow(Service service, DateTime slotStartUtc, DateTime nowUtc)
    {
        if (slotStartUtc < EarliestStartUtc(service, nowUtc))
        {
            return BookingError.TooSoon;
        }

        if (slotStartUtc > LatestStartUtc(service, nowUtc))
        {
            return BookingError.TooFarAhead;
        }

        return null;
    }

    /// <summary>Whether a slot may be sold now: inside the booking window and among the dates the service's release sells.</summary>
    public static BookingError? SaleRefusal(Service service, SlotOccurrence slot, DateTime nowUtc, SlotDateRange soldDates) =>
        CheckWindow(service, slot.StartUtc, nowUtc) ?? (!soldDates.Contains(slot) ? BookingError.OutsideRelease : null);

    /// <summary>The local dates whose slots might be bookable now: from the first to the last day the window touches.</summary>
    public static (DateOnly First, DateOnly Last) BookableDates(Service service, DateTime nowUtc)
    {
        var zone = service.TimeZone;
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(EarliestStartUtc(service, nowUtc), zone));
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(LatestStartUtc(service, nowUtc), zone));
        return (first, last);
    }

    public static bool HasReachedLimit(Service service, int activeBookings) =>
        activeBookings >= service.MaxActiveBookingsPerCustomer;

    public static string Describe(BookingError error, Service? service) => error switch
    {
        BookingError.ServiceNotFound => "This service does not exist or is no longer offered.",
        BookingError.SlotNotFound => "That time is not one of this service's slots. Please pick a time from the list.",
        BookingError.DayNotAvailable => "This service is not offered on that day.",
        BookingError.TooSoon => service is null
            ? "That time is too soon to book."
            : $"Bookings must be made at least {service.MinAdvanceBookingHours} hours in advance.",
        BookingError.TooFarAhead => service is null
            ? "That time is too far ahead to book."
            : $"Bookings open {service.MaxAdvanceBookingDays} days in advance; that time is further out.",
        BookingError.SlotFull => "Sorry, that time was just taken. Please choose another time.",
        BookingError.LimitReached => service is null
            ? "You have reached the number of upcoming bookings allowed."
            : $"You already have {service.MaxActiveBookingsPerCustomer} upcoming bookings, the most allowed for this service. Cancel one to book another.",
        BookingError.InvalidRequest => "The request was incomplete. Please try again.",
        BookingError.BookingNotFound => "We couldn't find that booking.",
        BookingError.BookingNotActive => "This booking is no longer active, so it cannot be moved.",
        BookingError.SameSlot => "Your booking is already at that time.",
        BookingError.NotAdmitted => "Your turn to book has not come yet, or it has run out. Please join the waiting room to book.",
        BookingError.OutsideRelease => "This time is not part of the current release. Please pick one of the dates the calendar offers.",
        BookingError.NeedsStaffHelp => "Because of earlier missed appointments, please book this one with our reception team (by phone or at the desk).",
        BookingError.ChangeWindowClosed => service is null
            ? "This booking can no longer be moved online. Please contact reception."
            : $"Bookings can be moved online until {service.ChangesAllowedUntilHours} hours before the start. Please contact reception to change this one.",
        BookingError.IdempotencyKeyReused => "This idempotency key already made a booking for a different request. Use a new key for each booking you mean to make.",
        BookingError.SeatAlreadyHeld => "You already have a seat at this time. Each customer may book one seat per time slot; choose another time.",
        BookingError.EmailNotConfirmed => "Please confirm your e-mail address before booking: use the link we sent you.",
        BookingError.PractitionerUnavailable => "That practitioner is no longer free at this time. Please choose another time or another practitioner.",
        BookingError.AnswersInvalid => "Some answers to the booking questions are missing or invalid.",
        BookingError.TermsChanged => "The price, deposit or cancellation terms changed while you were booking. Nothing is booked: please read the new terms and book again.",
        _ => "The booking could not be made.",
    };
}
