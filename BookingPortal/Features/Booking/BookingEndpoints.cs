using BookingPortal.Features.Bookings;
using System.Security.Claims;
using BookingPortal.Features.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Antiforgery;
using BookingPortal.Features.Notifications.Ports;
using BookingPortal.Features.Notifications.Templates;

namespace BookingPortal.Features.Booking;

public static class BookingEndpoints
{
    public static IEndpointRouteBuilder MapBookingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CustomerPages.CalendarFileRoute, DownloadCalendarAsync)
            .RequireAuthorization()
            .WithName("DownloadBookingCalendar");
        endpoints.MapPost("/bookings", ReserveFromFormAsync)
            .RequireAuthorization()
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .WithName("ReserveFromForm");
        // Waitlist offers sent before 2026-12-07 linked here (the page is my/appointments); an offer lasts hours, and a
        // customer may follow an old e-mail later still: they reach the page, with its query (culture) kept.
        endpoints.MapGet("/my-appointments", (HttpRequest request) => TypedResults.Redirect("/" + CustomerPages.MyAppointments + request.QueryString, permanent: true))
            .WithName("OldMyAppointmentsLink");
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadCalendarAsync(
        string confirmationNumber, ClaimsPrincipal user, HttpRequest request, BookingReader bookings, Staff.StaffActors staffActors,
        IOptions<NotificationsOptions> notifications, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = PortalClaims.UserId(user) ?? "";
        var booking = await bookings.GetAsync(confirmationNumber, userId, await staffActors.IsStaffAsync(user, cancellationToken), cancellationToken);
        if (booking is null)
        {
            return TypedResults.NotFound();
        }

        var content = CalendarFile.Current(booking, PortalBaseUri(request), time.GetUtcNow().UtcDateTime, MessageValues.CalendarWords(notifications.Value.ClinicName));
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(content), CalendarFile.ContentType, $"booking-{booking.ConfirmationNumber}.ics");
    }

    /// <summary>
    /// The booking page's "Book" as a plain form post (antiforgery token required, as for every
    /// form): the same service call, rate limit and messages, for clients without a live page,
    /// such as a load balancer's synthetic check or a script driving several instances.
    /// </summary>
    private static async Task<IResult> ReserveFromFormAsync(
        ClaimsPrincipal user, HttpContext http, BookingService bookings, QueueRateLimits rateLimits, CancellationToken cancellationToken)
    {
        var customerId = PortalClaims.UserId(user) ?? "";
        if (!rateLimits.TryReserve(customerId, http.Connection.RemoteIpAddress?.ToString()))
        {
            return TypedResults.Problem("Too many attempts. Please wait a few seconds and try again.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        var (form, refusal) = await BookingForm.ReadAsync(http, customerId, cancellationToken);
        if (form is null)
        {
            return refusal!;
        }

        var result = await bookings.ReserveAsync(form, cancellationToken);
        return result.Booking is { } booking
            ? (IResult)TypedResults.Redirect("/" + CustomerPages.Booking(booking.ConfirmationNumber))
            : TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: result.Error?.ToString());
    }

    private static Uri PortalBaseUri(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
