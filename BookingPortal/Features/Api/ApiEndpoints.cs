using BookingPortal.Features.Bookings;
using System.Security.Claims;
using BookingPortal.Features.Booking;
using BookingPortal.Features.Cancellation;
using BookingPortal.Features.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BookingPortal.Features.Api;

/// <summary>
/// The REST API (v1). Every handler calls the same feature services as the pages, so the API
/// books through <see cref="BookingService.ReserveAsync"/> with its atomic seat update, booking
/// window, per-customer limit, waiting-room admission and idempotency key.
/// </summary>
public static class ApiEndpoints
{
    public const string RateLimitPolicy = "api-key";
    public const int MaxAvailabilityDays = 62;

    /// <summary>The query parameter of availability that narrows it to one practitioner's slots.</summary>
    public const string PractitionerIdField = "practitionerId";

    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("BookingPortal API")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/services", ListServicesAsync).RequireAuthorization(ApiKeyDefaults.ReadPolicy)
            .WithName("ListServices").WithSummary("Services that can be booked.");
        api.MapGet("/services/{id:int}/availability", GetAvailabilityAsync).RequireAuthorization(ApiKeyDefaults.ReadPolicy)
            .WithName("GetAvailability").WithSummary("Slots between two dates (in the service's zone) with the seats left, in UTC and local time.")
            .WithDescription("Query: from, to (yyyy-MM-dd, at most 62 days), practitionerId (optional: that practitioner's slots; without it, any available, each slot listing the practitioners free).")
            .Produces<AvailabilityDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        api.MapPost("/bookings", CreateBookingAsync).RequireAuthorization(ApiKeyDefaults.BookPolicy)
            .WithName("CreateBooking").WithSummary("Books a slot. Send an Idempotency-Key header: repeating it returns the first booking; reusing it for another request is refused.")
            .Accepts<CreateBookingRequest>("application/json").ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        api.MapGet("/bookings/{confirmation}", GetBookingAsync).RequireAuthorization(ApiKeyDefaults.ReadPolicy)
            .WithName("GetBooking").WithSummary("A booking of the key's owner (any booking with a staff admin key).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/bookings/{confirmation}/move", MoveBookingAsync).RequireAuthorization(ApiKeyDefaults.BookPolicy)
            .WithName("MoveBooking").WithSummary("Moves a booking to another slot of its service, under the rules of a new booking and the service's change cutoff.")
            .Accepts<MoveBookingRequest>("application/json").ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        api.MapPost("/bookings/{confirmation}/cancel", CancelBookingAsync).RequireAuthorization(ApiKeyDefaults.BookPolicy)
            .WithName("CancelBooking").WithSummary("Cancels a booking under the cancellation policy (fee after the free period).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapQuestionsApi();
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<ServiceDto>>> ListServicesAsync(
        CatalogService catalog, PractitionerDirectory practitioners, CancellationToken cancellationToken)
    {
        var summaries = await catalog.ListServicesAsync(cancellationToken);
        var services = new List<ServiceDto>();
        foreach (var summary in summaries)
        {
            if (await catalog.GetServiceAsync(summary.Id, cancellationToken) is { } service)
            {
                services.Add(ServiceDto.From(service, await practitioners.ListForServiceAsync(service, cancellationToken)));
            }
        }

        return TypedResults.Ok<IReadOnlyList<ServiceDto>>(services);
    }

    private static async Task<IResult> GetAvailabilityAsync(
        int id, HttpRequest request, ClaimsPrincipal user, CatalogService catalog, PractitionerDirectory practitioners, CallerBookability bookability,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var input = new ApiInput();
        var from = input.Date("from", request.Query["from"]);
        var to = input.Date("to", request.Query["to"]);
        var practitionerId = input.Id(PractitionerIdField, request.Query[PractitionerIdField]);
        if (!input.IsValid)
        {
            return input.Problem;
        }

        var service = await catalog.GetServiceAsync(id, cancellationToken);
        if (service is null)
        {
            return ApiProblems.Result(ApiProblems.NotFound, $"There is no service {id}.");
        }

        var first = from ?? SlotSchedule.LocalToday(service, time.GetUtcNow());
        var last = to ?? first.AddDays(6);
        if (last < first)
        {
            return ApiProblems.Invalid("to", "'to' must be on or after 'from'.");
        }

        if (last.DayNumber - first.DayNumber >= MaxAvailabilityDays)
        {
            return ApiProblems.Invalid("to", $"Ask for at most {MaxAvailabilityDays} days at a time.");
        }

        if (await UnknownPractitionerAsync(service, practitionerId, practitioners, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var slots = await practitioners.GetSlotsAsync(service, first, last, practitionerId, cancellationToken);
        var caller = await bookability.ForAsync(service, ApiKeyDefaults.Caller(user).OwnerId, cancellationToken);
        return TypedResults.Ok(new AvailabilityDto(service.Id, service.TimeZoneId, first, last, slots.Select(s => SlotDto.From(s, caller)).ToList())
        {
            PractitionerId = practitionerId,
        });
    }

    /// <summary>A problem naming <see cref="PractitionerIdField"/> when the id given is not one of the service's practitioners; null when fine or none given.</summary>
    private static async Task<IResult?> UnknownPractitionerAsync(Service service, int? practitionerId, PractitionerDirectory practitioners, CancellationToken cancellationToken)
    {
        if (practitionerId is not { } wanted)
        {
            return null;
        }

        if (!service.BooksPractitioners)
        {
            return ApiProblems.Invalid(PractitionerIdField, $"Service {service.Id} does not book practitioners: leave '{PractitionerIdField}' out.");
        }

        var performers = await practitioners.ListForServiceAsync(service, cancellationToken);
        return performers.Any(p => p.Id == wanted) ? null
            : ApiProblems.Invalid(PractitionerIdField, $"Practitioner {wanted} does not perform service {service.Id}; GET /api/v1/services lists who does.");
    }

    private static async Task<IResult> CreateBookingAsync(
        HttpRequest request, ClaimsPrincipal user, BookingService bookings, CancellationToken cancellationToken)
    {
        var caller = ApiKeyDefaults.Caller(user);
        var (body, problem) = await ApiRequests.ReadCreateBookingAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (BookingFor(body, caller) is not { } forWhom)
        {
            return ApiProblems.Invalid("customerId", "Only a staff key with the admin scope can book for another customer.");
        }

        var (customerId, actingStaffId) = forWhom;
        var result = await bookings.ReserveAsync(
            new ReserveRequest(customerId, body.ServiceId, body.SlotStartUtc, body.IdempotencyKey, actingStaffId, body.PractitionerId) { Answers = body.Answers }, cancellationToken);
        if (result.Booking is { } booking)
        {
            // A repeat of the request answers as the first did (201, the booking as it is now), whatever became of it since.
            return TypedResults.Created($"/api/v1/bookings/{booking.ConfirmationNumber}", BookingDto.From(booking));
        }

        // An unknown customer id fails the customer gate, which the service reports as an invalid request.
        return result.Error == BookingError.InvalidRequest && actingStaffId is not null
            ? ApiProblems.Invalid("customerId", "There is no customer with that id.")
            : result.AnswerProblems is { Count: > 0 } answerProblems
            ? ApiProblems.Invalid(answerProblems.ToDictionary(p => ApiAnswers.FieldOf(p.Key), p => new[] { AnswerRules.Describe(p.Value) }))
            : ApiProblems.ForBooking(result.Error!.Value, result.Message ?? "The booking was refused.");
    }

    /// <summary>Whom the booking is for: the key's owner, or the customer a staff key with the admin scope names (null for any other key naming one).</summary>
    private static (string CustomerId, string? ActingStaffId)? BookingFor(BookingOrder body, ApiCaller caller) =>
        string.IsNullOrWhiteSpace(body.CustomerId) || body.CustomerId == caller.OwnerId ? (caller.OwnerId, null)
        : caller.ActsAsStaff() ? (body.CustomerId, caller.OwnerId)
        : null;

    private static async Task<IResult> GetBookingAsync(string confirmation, ClaimsPrincipal user, BookingReader bookings, CancellationToken cancellationToken)
    {
        var caller = ApiKeyDefaults.Caller(user);
        var booking = await bookings.GetAsync(confirmation, caller.OwnerId, caller.ActsAsStaff(), cancellationToken);
        return booking is null
            ? ApiProblems.Result(ApiProblems.NotFound, $"There is no booking {confirmation} for this key.")
            : TypedResults.Ok(BookingDto.From(booking));
    }

    /// <summary>The very <see cref="BookingMover.RescheduleAsync"/> of the "Change time" page; a staff admin key acts as staff at the desk.</summary>
    private static async Task<IResult> MoveBookingAsync(
        string confirmation, HttpRequest request, ClaimsPrincipal user, BookingMover bookings, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiRequests.ReadMoveBookingAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var caller = ApiKeyDefaults.Caller(user);
        var result = await bookings.RescheduleAsync(new RescheduleRequest(confirmation, caller.OwnerId, caller.ActsAsStaff(), body.SlotStartUtc), cancellationToken);
        return result.Booking is { } booking
            ? TypedResults.Ok(BookingDto.From(booking))
            : ApiProblems.ForBooking(result.Error!.Value, result.Message ?? "The move was refused.");
    }

    private static async Task<IResult> CancelBookingAsync(
        string confirmation, ClaimsPrincipal user, CancellationService cancellations, BookingReader bookings, CancellationToken cancellationToken)
    {
        var caller = ApiKeyDefaults.Caller(user);
        var result = await cancellations.CancelAsync(new CancelRequest(confirmation, caller.OwnerId, caller.ActsAsStaff()), cancellationToken);
        return result.Outcome switch
        {
            CancelOutcome.Cancelled => TypedResults.Ok(new CancellationDto(
                BookingDto.From((await bookings.GetAsync(confirmation, caller.OwnerId, caller.ActsAsStaff(), cancellationToken))!),
                result.Quote!.FeeRetained, result.Quote.Refund, result.Message)),
            CancelOutcome.NotFound => ApiProblems.Result(ApiProblems.NotFound, $"There is no booking {confirmation} for this key."),
            // A retry whose first answer was lost must not read as "could not cancel": the booking is cancelled.
            _ when (await bookings.GetAsync(confirmation, caller.OwnerId, caller.ActsAsStaff(), cancellationToken))?.Status == BookingStatus.Cancelled =>
                ApiProblems.Result(ApiProblems.AlreadyCancelled, result.Message),
            _ => ApiProblems.Result(ApiProblems.NotCancellable, result.Message),
        };
    }
}
