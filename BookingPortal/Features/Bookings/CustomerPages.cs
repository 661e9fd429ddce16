namespace BookingPortal.Features.Bookings;

/// <summary>
/// Addresses of customer pages that messages link to. The page's route and every link to it are built from the
/// one constant: a message that linked to "my-appointments" while the page lived at "my/appointments" sent
/// waitlisted customers to "We couldn't find that page".
/// </summary>
public static class CustomerPages
{
    /// <summary>The customer's appointments and waitlist places, relative to the portal; a seat offered from the waitlist is claimed there.</summary>
    public const string MyAppointments = "my/appointments";

    public const string MyAppointmentsRoute = "/" + MyAppointments;

    public static Uri MyAppointmentsLink(Uri portalBaseUri) => new(portalBaseUri, MyAppointments);
}
