namespace BookingPortal.Features.Booking.Pages;

/// <summary>Where the page goes after taking its parameters.</summary>
public enum BookingPageStep
{
    Show,

    /// <summary>Not signed in, and the service's waiting room wants an account (or a booking is being moved).</summary>
    SignIn,

    NotFound,
}
