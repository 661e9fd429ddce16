using BookingPortal.Features.Bookings;
using BookingPortal.Features.Notifications;

namespace BookingPortal.Features.Booking;

/// <summary>The practitioner step of a batch of reservations, between the queue turns and the seats (the global lock order).</summary>
internal static class ReservationStaffing
{
    /// <summary>
    /// Gives each open candidate of a service that books practitioners its practitioner (the one asked for, or the
    /// fairest free one) and room, under their row locks, or refuses it as <see cref="BookingError.PractitionerUnavailable"/>;
    /// then composes the messages of those given one, which can now name them.
    /// </summary>
    public static async Task AssignAsync(
        BookingDbContext db, List<ReservationCandidate> candidates,
        (NotificationOutbox Outbox, IReadOnlyList<WebhookEndpoint> Endpoints, Dictionary<string, CustomerContact> Contacts) messages,
        CancellationToken cancellationToken)
    {
        var staffed = candidates.Where(c => c.IsOpen && c.Booking is not null && c.Service.BooksPractitioners).ToList();
        if (staffed.Count == 0)
        {
            return;
        }

        var assignments = await PractitionerSeats.AssignAsync(
            db, staffed.Select(c => new StaffingRequest(c.Service, c.Slot.StartUtc, c.Slot.EndUtc, c.Request.PractitionerId)).ToList(), cancellationToken);
        for (var i = 0; i < staffed.Count; i++)
        {
            if (assignments[i] is { } assignment)
            {
                staffed[i].Booking!.PractitionerId = assignment.PractitionerId;
                staffed[i].Booking!.RoomId = assignment.RoomId;
            }
            else
            {
                staffed[i].Refusal = BookingError.PractitionerUnavailable;
            }
        }

        // Composing is the costliest step under the practitioners' locks, so it uses every core and one read of the names.
        var given = staffed.Where(c => c.IsOpen).ToList();
        var names = await BookingReader.PractitionerNamesAsync(db, given.Select(c => c.Booking!.PractitionerId), cancellationToken);
        await Parallel.ForEachAsync(given, cancellationToken, async (candidate, _) => candidate.Messages = await messages.Outbox.ComposeForNewBookingAsync(
            candidate.Booking!, candidate.Service, messages.Endpoints, messages.Contacts[candidate.Request.CustomerId], BookingReader.NameOf(names, candidate.Booking!.PractitionerId),
            candidate.Request.TellHeld));
    }
}
