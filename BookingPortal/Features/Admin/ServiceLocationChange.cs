using BookingPortal.Features.Notifications;
using BookingPortal.Features.VideoRooms;

namespace BookingPortal.Features.Admin;

/// <summary>Where a service is given, as its bookings show it (<see cref="Bookings.BookingReader"/>).</summary>
public sealed record ServicePlace(LocationKind Kind, string? Address, string? VideoLink)
{
    public static ServicePlace Of(Service service) => new(service.LocationKind, service.Address, service.VideoLink);

    /// <summary>What a booking with this room link (its own video room, or none) is shown: the room, else the service's link, or the address.</summary>
    public string? For(string? roomLink) => Kind == LocationKind.Virtual ? roomLink ?? VideoLink : Address;
}

/// <summary>
/// A service given somewhere else is so for every upcoming booking, which shows the service's place: each one whose place changes
/// is told, in the edit's transaction; the others keep the place they had (<see cref="Domain.Booking.PlaceKind"/>). A booking's own video room follows the service: gone once it is given in
/// person (a later return to video gives a new room, never one a customer was told was over), and a video service with rooms
/// gives each booking one of its own, as it does a new booking, instead of the link all its customers share.
/// </summary>
// Stateless: one for the process.
[SingletonService]
public sealed class ServiceLocationChange(VideoRoomLinks videoRooms, LocationChangeMessages messages)
{
    /// <summary>Call after the service is saved with its new place, in the same transaction.</summary>
    /// <returns>How many customers are told.</returns>
    public async Task<int> ApplyAsync(BookingDbContext db, ServicePlace before, Service service, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var after = ServicePlace.Of(service);
        if (after == before)
        {
            return 0;
        }

        var upcoming = await db.Bookings.AsNoTracking()
            .Where(b => b.ServiceId == service.Id && b.StartUtc > nowUtc && Domain.Booking.ActiveStatuses.Contains(b.Status))
            .OrderBy(b => b.StartUtc)
            .Select(b => new { b.Id, b.VideoRoomLink })
            .ToListAsync(cancellationToken);
        var told = 0;
        foreach (var booking in upcoming)
        {
            var room = after.Kind == LocationKind.Virtual ? booking.VideoRoomLink ?? videoRooms.NewRoomLinkFor(service) : null;
            if (room == booking.VideoRoomLink && after.For(room) == before.For(booking.VideoRoomLink))
            {
                continue;
            }

            // Conditional, and it holds the booking's row: one cancelled or started meanwhile is left as it is, and a cancellation
            // that comes a moment later waits, so its message follows this one.
            var changed = await db.Bookings
                .Where(b => b.Id == booking.Id && b.StartUtc > nowUtc && Domain.Booking.ActiveStatuses.Contains(b.Status))
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.VideoRoomLink, room), cancellationToken);
            if (changed == 1 && after.For(room) != before.For(booking.VideoRoomLink) && await messages.QueueAsync(db, booking.Id, cancellationToken))
            {
                told++;
            }
        }

        await KeepPlaceOfBookingsNotUpcomingAsync(db, before, service.Id, nowUtc, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return told;
    }

    /// <summary>
    /// Bookings the change does not reach (started, ended, cancelled) keep the place they had, as history. Run after the upcoming
    /// ones are updated: one cancelled meanwhile, never told of the new place, is caught here; one cancelled later waits for its
    /// row until the commit, so it keeps following the service whose new place it was told. A booking that kept a place from an
    /// earlier change keeps that one.
    /// </summary>
    private static Task<int> KeepPlaceOfBookingsNotUpcomingAsync(BookingDbContext db, ServicePlace before, int serviceId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.Bookings
            .Where(b => b.ServiceId == serviceId && b.PlaceKind == null && !(b.StartUtc > nowUtc && Domain.Booking.ActiveStatuses.Contains(b.Status)))
            .ExecuteUpdateAsync(b => b
                .SetProperty(x => x.PlaceKind, (LocationKind?)before.Kind)
                .SetProperty(x => x.PlaceAddress, before.Address)
                .SetProperty(x => x.PlaceVideoLink, before.VideoLink), cancellationToken);
}
