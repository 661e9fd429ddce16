using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Booking;

/// <summary>One request of a batch on its way through the rules; a class, as it is filled in step by step.</summary>
internal sealed class ReservationCandidate(int index, ReserveRequest request, Service service, SlotOccurrence slot, int? releaseId)
{
    public int Index { get; } = index;

    public ReserveRequest Request { get; } = request;

    public Service Service { get; } = service;

    public SlotOccurrence Slot { get; } = slot;

    public int? ReleaseId { get; } = releaseId;

    /// <summary>Staff booking at the desk skip the online waiting room; everyone else needs their turn where the service has a release.</summary>
    public bool NeedsQueueTurn => ReleaseId is not null && Request.ActingStaffId is null;

    public long CounterId { get; set; }

    public Domain.Booking? Booking { get; set; }

    public IReadOnlyList<OutboxMessage> Messages { get; set; } = [];

    /// <summary>The answer an earlier request with the same idempotency key gives this one: its booking, or a refusal when it was another request.</summary>
    public ReserveResult? Earlier { get; set; }

    public BookingError? Refusal { get; set; }

    public bool IsOpen => Earlier is null && Refusal is null;

    public long? QueueEntryId { get; set; }

    /// <summary>The answers to the service's questions, checked; inserted with the booking.</summary>
    public IReadOnlyList<BookingAnswer> Answers { get; set; } = [];
}
