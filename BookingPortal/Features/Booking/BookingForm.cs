using BookingPortal.Features.Bookings;
using BookingPortal.Infrastructure.Http;
using Microsoft.AspNetCore.Antiforgery;

namespace BookingPortal.Features.Booking;

/// <summary>
/// Reads the plain "Book" form post (serviceId, slotStartUtc, idempotencyKey) strictly, answering every
/// fault (no antiforgery token, not a form, a field missing or malformed) with a problem that names it.
/// </summary>
public static class BookingForm
{
    public static async Task<(ReserveRequest? Request, IResult? Problem)> ReadAsync(HttpContext http, string customerId, CancellationToken cancellationToken)
    {
        // First: once the antiforgery check failed, even asking whether the body is a form throws.
        if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return (null, TypedResults.Problem("The form's antiforgery token is missing or no longer valid; load the page again.", statusCode: StatusCodes.Status400BadRequest,
                title: "Antiforgery check failed"));
        }

        if (!http.Request.HasFormContentType)
        {
            return (null, TypedResults.Problem("Send the fields as a form (application/x-www-form-urlencoded).", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return (null, TypedResults.Problem("The form could not be read: " + ex.Message, statusCode: StatusCodes.Status400BadRequest));
        }

        return Validate(form, customerId);
    }

    private static (ReserveRequest? Request, IResult? Problem) Validate(IFormCollection form, string customerId)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var serviceId = form["serviceId"] is [{ } idText] && int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : (int?)null;
        if (serviceId is null)
        {
            errors["serviceId"] = ["Give the service's id once, as a whole number."];
        }

        var (slotStart, slotError) = form["slotStartUtc"] is [{ } slotText] ? IsoFormats.Instant(slotText) : (null, $"Give the slot's start once, as {IsoFormats.InstantHint}.");
        if (slotError is not null)
        {
            errors["slotStartUtc"] = [slotError];
        }

        var key = form["idempotencyKey"] is [{ Length: > 0 and <= 100 } keyText] ? keyText : null;
        if (key is null)
        {
            errors["idempotencyKey"] = ["Give an idempotency key of 1 to 100 characters, new for each booking."];
        }

        return errors.Count > 0
            ? (null, TypedResults.ValidationProblem(errors))
            : (new ReserveRequest(customerId, serviceId!.Value, slotStart!.Value, key!), null);
    }
}
