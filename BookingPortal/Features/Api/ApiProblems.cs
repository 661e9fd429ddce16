using BookingPortal.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BookingPortal.Features.Api;

/// <summary>One problem type (RFC 9457) per rule; the <c>type</c> never changes, so clients can branch on it.</summary>
public sealed record ApiProblem(string Code, int Status, string Title)
{
    public string Type => ApiProblems.TypeBase + Code;
}

/// <summary>The problem types the API answers with, and how a booking rule maps to one.</summary>
public static class ApiProblems
{
    public const string TypeBase = "https://bookingportal.local/problems/";

    public static readonly ApiProblem SlotFull = new("slot-full", StatusCodes.Status409Conflict, "The slot is full.");
    public static readonly ApiProblem OutsideBookingWindow = new("outside-booking-window", StatusCodes.Status422UnprocessableEntity, "The slot is outside the booking window.");
    public static readonly ApiProblem LimitReached = new("limit-reached", StatusCodes.Status409Conflict, "The customer has reached the number of upcoming bookings allowed.");
    public static readonly ApiProblem OutsideRelease = new("outside-release", StatusCodes.Status422UnprocessableEntity, "The slot is not among the dates the service's release sells.");
    public static readonly ApiProblem NotAdmitted = new("not-admitted", StatusCodes.Status403Forbidden, "The customer has not been admitted from the waiting room.");
    public static readonly ApiProblem NotFound = new("not-found", StatusCodes.Status404NotFound, "Not found.");
    public static readonly ApiProblem NeedsStaffHelp = new("needs-staff-help", StatusCodes.Status403Forbidden, "Only staff can book for this customer.");
    public static readonly ApiProblem ChangeWindowClosed = new("change-window-closed", StatusCodes.Status409Conflict, "The booking can no longer be moved online; only staff can move it now.");
    public static readonly ApiProblem NotCancellable = new("not-cancellable", StatusCodes.Status409Conflict, "The booking can no longer be cancelled online.");
    public static readonly ApiProblem Validation = new("validation", StatusCodes.Status400BadRequest, "The request has invalid fields.");
    public static readonly ApiProblem InvalidKey = new("invalid-api-key", StatusCodes.Status401Unauthorized, "Missing, unknown or revoked API key.");
    public static readonly ApiProblem InsufficientScope = new("insufficient-scope", StatusCodes.Status403Forbidden, "The API key's scopes do not allow this.");
    public static readonly ApiProblem RateLimited = new("rate-limited", StatusCodes.Status429TooManyRequests, "Too many requests for this API key.");

    public static ProblemHttpResult Result(ApiProblem problem, string detail) =>
        TypedResults.Problem(detail, statusCode: problem.Status, title: problem.Title, type: problem.Type);

    /// <summary>Validation errors name the JSON field they belong to.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: Validation.Title, type: Validation.Type);

    /// <summary>For answers written outside an endpoint (authentication, rate limiting).</summary>
    public static Task Write(HttpContext context, ApiProblem problem, string detail)
    {
        context.Response.StatusCode = problem.Status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Type = problem.Type, Title = problem.Title, Status = problem.Status, Detail = detail },
        }).AsTask();
    }

    /// <summary>The booking rules' refusals as problems; "no such slot" is the caller's field error.</summary>
    public static IResult ForBooking(BookingError error, string message) => error switch
    {
        BookingError.SlotFull => Result(SlotFull, message),
        BookingError.TooSoon or BookingError.TooFarAhead => Result(OutsideBookingWindow, message),
        BookingError.LimitReached => Result(LimitReached, message),
        BookingError.NotAdmitted => Result(NotAdmitted, message),
        BookingError.OutsideRelease => Result(OutsideRelease, message),
        BookingError.NeedsStaffHelp => Result(NeedsStaffHelp, message),
        BookingError.ChangeWindowClosed => Result(ChangeWindowClosed, message),
        BookingError.ServiceNotFound => Invalid("serviceId", message),
        BookingError.SlotNotFound or BookingError.DayNotAvailable => Invalid("slotStartUtc", message),
        BookingError.BookingNotFound => Result(NotFound, message),
        _ => Result(Validation, message),
    };
}
