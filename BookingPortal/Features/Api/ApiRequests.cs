using BookingPortal.Features.Bookings;
using BookingPortal.Data.Configurations;
using BookingPortal.Infrastructure.Http;

namespace BookingPortal.Features.Api;

/// <summary>A booking request as the API read it: every field present and well-formed.</summary>
public sealed record BookingOrder(int ServiceId, DateTime SlotStartUtc, string? CustomerId, string IdempotencyKey, int? PractitionerId = null)
{
    public AnswersGiven Answers { get; init; } = AnswersGiven.None;
}

/// <summary>A move request as the API read it.</summary>
public sealed record MoveOrder(DateTime SlotStartUtc);

/// <summary>Reads the API's request bodies and headers strictly (<see cref="ApiInput"/>), naming every field at fault at once.</summary>
public static class ApiRequests
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 100;

    /// <summary>A customer id no column could hold is refused as bad input, not left to fail in the database.</summary>
    public const int MaxCustomerIdLength = ColumnRules.UserIdLength;

    public static async Task<(BookingOrder? Order, IResult? Problem)> ReadCreateBookingAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var input = new ApiInput();
        var key = IdempotencyKey(input, request);
        var (body, problem) = await ApiJsonBody.ReadObjectAsync(request, input, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        var serviceId = input.Id(body, "serviceId", "Give the service's id.");
        var slotStart = input.Instant(body, "slotStartUtc", $"Give the slot's start as availability lists it: {IsoFormats.InstantHint}.");
        var customerId = input.OptionalText(body, "customerId", MaxCustomerIdLength);
        // Optional: absent or null books "any available" on a service that books practitioners.
        var practitionerId = body.Find("practitionerId") is null or { ValueKind: System.Text.Json.JsonValueKind.Null } ? null : input.Id(body, "practitionerId", "");
        var answers = ApiAnswers.Read(input, body);
        return input.IsValid ? (new BookingOrder(serviceId!.Value, slotStart!.Value, customerId, key!, practitionerId) { Answers = answers }, null) : (null, input.Problem);
    }

    public static async Task<(MoveOrder? Order, IResult? Problem)> ReadMoveBookingAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var input = new ApiInput();
        var (body, problem) = await ApiJsonBody.ReadObjectAsync(request, input, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        var slotStart = input.Instant(body, "slotStartUtc", $"Give the new slot's start as availability lists it: {IsoFormats.InstantHint}.");
        return input.IsValid ? (new MoveOrder(slotStart!.Value), null) : (null, input.Problem);
    }

    /// <summary>One header of 1 to 100 visible ASCII characters.</summary>
    private static string? IdempotencyKey(ApiInput input, HttpRequest request)
    {
        var key = input.Single(IdempotencyKeyHeader, request.Headers[IdempotencyKeyHeader]);
        if (key is null || key.Length is 0 or > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            input.Refuse(IdempotencyKeyHeader,
                $"Send an {IdempotencyKeyHeader} header of 1 to {MaxIdempotencyKeyLength} visible ASCII characters, new for each booking you mean to make.");
            return null;
        }

        return key;
    }
}
