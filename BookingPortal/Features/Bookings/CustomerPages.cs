namespace BookingPortal.Features.Bookings;

/// <summary>
/// Addresses of customer pages that messages, calendar files, redirects and other pages link to. A page's route and every
/// link to it are built here: a message that linked to "my-appointments" while the page lived at "my/appointments" sent
/// waitlisted customers to "We couldn't find that page". Links are relative to the portal (no leading slash), so they
/// keep its path base; routes are the pages' templates.
/// </summary>
public static class CustomerPages
{
    /// <summary>The customer's appointments and waitlist places, relative to the portal; a seat offered from the waitlist is claimed there.</summary>
    public const string MyAppointments = "my/appointments";

    public const string MyAppointmentsRoute = "/" + MyAppointments;

    /// <summary>The services list: where a customer whose waitlist or turn has nothing left to offer goes on from.</summary>
    public const string Services = "services";

    public const string ServicesRoute = "/" + Services;

    public const string ServiceRoute = ServicesRoute + "/{ServiceId:int}";

    public const string BookRoute = ServiceRoute + "/book";

    public const string DrawRoute = ServiceRoute + "/draw";

    /// <summary>Where a "your turn" message's signed link lands (the link's query carries the turn).</summary>
    public const string YourTurn = "your-turn";

    public const string YourTurnRoute = "/" + YourTurn;

    private const string Bookings = "bookings";

    /// <summary>The booking's page (its confirmation, payment and actions), by confirmation number.</summary>
    public const string BookingRoute = "/" + Bookings + "/{ConfirmationNumber}";

    /// <summary>The booking's calendar file, downloaded from its page; an endpoint, not a page.</summary>
    public const string CalendarFileRoute = "/" + Bookings + "/{confirmationNumber}/calendar.ics";

    public static Uri MyAppointmentsLink(Uri portalBaseUri) => new(portalBaseUri, MyAppointments);

    public static string Booking(string confirmationNumber) => $"{Bookings}/{confirmationNumber}";

    /// <summary>The booking's page as an absolute address, for what is read outside the portal (messages, calendar files, a payment provider's return).</summary>
    public static Uri BookingLink(Uri portalBaseUri, string confirmationNumber) => new(portalBaseUri, Booking(confirmationNumber));

    public static string CalendarFile(string confirmationNumber) => $"{Booking(confirmationNumber)}/calendar.ics";

    public static Uri ServicesLink(Uri portalBaseUri) => new(portalBaseUri, Services);

    public static string Service(int serviceId) => FormattableString.Invariant($"{Services}/{serviceId}");

    public static string Book(int serviceId) => $"{Service(serviceId)}/book";

    public static string Draw(int serviceId) => $"{Service(serviceId)}/draw";
}
