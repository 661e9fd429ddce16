using BookingPortal.Features.Bookings;
using System.Diagnostics;

namespace BookingPortal.Features.Booking;

/// <summary>
/// Reserves seats. The invariants live in the database: a seat is taken by one conditional
/// UPDATE (Booked &lt; Capacity) in the same transaction as the booking insert, so no interleaving
/// of requests, threads or app instances can overbook a slot (<see cref="ReservationBatchWriter"/>).
/// Moving a booking is <see cref="BookingMover"/>'s, reading one <see cref="BookingReader"/>'s.
/// </summary>
// Stateless and on a waiting customer's page: a singleton, so no waiting circuit holds its own (ServiceLifetimeTests).
[SingletonService]
public sealed class BookingService(ReservationBatcher batcher, ReservationBatchWriter writer)
{
    public async Task<ReserveResult> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default)
    {
        using var activity = BookingMetrics.Source.StartActivity("booking.reserve");
        var started = Stopwatch.GetTimestamp();
        return BookingMetrics.Record(await AnswerAsync(request, cancellationToken), started);
    }

    private async Task<ReserveResult> AnswerAsync(ReserveRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.CustomerId) || string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 100)
        {
            return ReserveResult.Failure(BookingError.InvalidRequest, null);
        }

        // Staff booking at the desk are few and check the staff member too: they are written alone, at once.
        return request.ActingStaffId is null
            ? await batcher.ReserveAsync(request, cancellationToken)
            : await writer.WriteAloneAsync(request, cancellationToken);
    }
}
