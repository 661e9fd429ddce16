using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

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
    public static readonly ApiProblem AlreadyCancelled = new("already-cancelled", StatusCodes.Status409Conflict, "The booking is already cancelled.");
    public static readonly ApiProblem Validation = new("validation", StatusCodes.Status400BadRequest, "The request has invalid fields.");
    public static readonly ApiProblem InvalidKey = new("invalid-api-key", StatusCodes.Status401Unauthorized, "Missing, unknown or revoked API key.");
    public static readonly ApiProblem InsufficientScope = new("insufficient-scope", StatusCodes.Status403Forbidden, "The API key's scopes do not allow this.");
    public static readonly ApiProblem RateLimited = new("rate-limited", StatusCodes.Status429TooManyRequests, "Too many requests for this API key.");
    public static readonly ApiProblem IdempotencyKeyReused = new("idempotency-key-reused", StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for a different request.");
    public static readonly ApiProblem SeatAlreadyHeld = new("seat-already-held", StatusCodes.Status409Conflict, "The customer already holds a seat in this slot.");
    public static readonly ApiProblem PractitionerUnavailable = new("practitioner-unavailable", StatusCodes.Status409Conflict, "The practitioner is no longer free at this time.");
    public static readonly ApiProblem BadRequest = new("bad-request", StatusCodes.Status400BadRequest, "The request could not be read.");
    public static readonly ApiProblem MethodNotAllowed = new("method-not-allowed", StatusCodes.Status405MethodNotAllowed, "The method is not allowed on this address.");
    public static readonly ApiProblem PayloadTooLarge = new("payload-too-large", StatusCodes.Status413PayloadTooLarge, "The request body is too large.");
    public static readonly ApiProblem UnsupportedMediaType = new("unsupported-media-type", StatusCodes.Status415UnsupportedMediaType, "The body's content type is not accepted.");
    public static readonly ApiProblem HeadersTooLarge = new("headers-too-large", StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request's headers are too large.");
    public static readonly ApiProblem InternalError = new("internal-error", StatusCodes.Status500InternalServerError, "Something went wrong on our side.");

    /// <summary>The problem an /api answer of this status carries when no handler chose one (status code pages, framework refusals).</summary>
    public static ApiProblem ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => InvalidKey,
        StatusCodes.Status403Forbidden => InsufficientScope,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => HeadersTooLarge,
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status500InternalServerError => InternalError,
        _ => new ApiProblem($"http-{status}", status, ReasonPhrases.GetReasonPhrase(status)),
    };

    public static ProblemHttpResult Result(ApiProblem problem, string detail) =>
        TypedResults.Problem(detail, statusCode: problem.Status, title: problem.Title, type: problem.Type);

    /// <summary>Validation errors name the JSON field they belong to.</summary>
    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: Validation.Title, type: Validation.Type);

    /// <summary>
    /// For answers written outside an endpoint (authentication, rate limiting, status code pages, the
    /// exception handler): problem+json whatever the request's Accept header asks for.
    /// </summary>
    public static Task Write(HttpContext context, ApiProblem problem, string detail) => Result(problem, detail).ExecuteAsync(context);

    /// <summary>The problem code a booking refused for this reason answers with (availability's <c>reason</c>).</summary>
    public static string CodeFor(BookingError error) => error switch
    {
        BookingError.SlotFull => SlotFull.Code,
        BookingError.TooSoon or BookingError.TooFarAhead => OutsideBookingWindow.Code,
        BookingError.LimitReached => LimitReached.Code,
        BookingError.NotAdmitted => NotAdmitted.Code,
        BookingError.NeedsStaffHelp => NeedsStaffHelp.Code,
        BookingError.SeatAlreadyHeld => SeatAlreadyHeld.Code,
        BookingError.OutsideRelease => OutsideRelease.Code,
        BookingError.PractitionerUnavailable => PractitionerUnavailable.Code,
        _ => Validation.Code,
    };

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
        BookingError.IdempotencyKeyReused => Result(IdempotencyKeyReused, message),
        BookingError.SeatAlreadyHeld => Result(SeatAlreadyHeld, message),
        BookingError.PractitionerUnavailable => Result(PractitionerUnavailable, message),
        _ => Result(Validation, message),
    };
}
