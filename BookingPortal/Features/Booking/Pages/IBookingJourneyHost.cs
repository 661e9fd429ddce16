using System.Security.Claims;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>
/// What the booking journey asks of the page it runs in: the portal's services and the page's dispatcher.
/// <see cref="BookPage"/> answers from its services; a test may fake it.
/// </summary>
public interface IBookingJourneyHost
{
    /// <summary>Runs work on the page's dispatcher, where its state may change.</summary>
    Task InvokeAsync(Func<Task> work);

    void Redraw();

    Task<bool> AdmitsVisitorsAsync(int serviceId);

    Task ClaimVisitorPlacesAsync(string visitorKey, string customerId);

    Task<Service?> GetServiceAsync(int serviceId);

    Task<BookingView?> GetBookingAsync(string confirmationNumber, string userId, bool isStaff);

    /// <summary>The practitioners a customer may name for the service (none where it does not book practitioners).</summary>
    Task<IReadOnlyList<PractitionerProfile>> GetPractitionersAsync(Service service);

    /// <param name="practitionerId">The dates free for that practitioner; null for "any available".</param>
    Task<BookingCalendar> GetCalendarAsync(Service service, int? practitionerId);

    Task<IReadOnlyList<SlotAvailability>> GetSlotsAsync(Service service, DateOnly localDate, int? practitionerId);

    bool TryReserve(string customerId, string? clientAddress);

    /// <summary>Staff as the database says now, not as the sign-in cookie said.</summary>
    Task<bool> IsStaffAsync(ClaimsPrincipal user);

    Task<ReserveResult> ReserveAsync(ReserveRequest request);

    Task<ReserveResult> RescheduleAsync(RescheduleRequest request);
}
