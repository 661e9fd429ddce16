using System.Security.Claims;
using BookingPortal.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BookingPortal.Features.Booking;

public static class BookingEndpoints
{
    public static IEndpointRouteBuilder MapBookingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/bookings/{confirmationNumber}/calendar.ics", DownloadCalendarAsync)
            .RequireAuthorization()
            .WithName("DownloadBookingCalendar");
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadCalendarAsync(
        string confirmationNumber, ClaimsPrincipal user, HttpRequest request, BookingService bookings, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var booking = await bookings.GetAsync(confirmationNumber, userId, IsStaff(user), cancellationToken);
        if (booking is null)
        {
            return TypedResults.NotFound();
        }

        var content = CalendarFile.Create(booking, PortalBaseUri(request));
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(content), CalendarFile.ContentType, $"booking-{booking.ConfirmationNumber}.ics");
    }

    public static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin);

    private static Uri PortalBaseUri(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
