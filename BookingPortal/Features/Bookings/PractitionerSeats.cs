namespace BookingPortal.Features.Bookings;

/// <summary>One seat to be given by a practitioner: a new booking, a move (the booking does not block itself) or a reassignment.</summary>
/// <param name="PractitionerId">The practitioner asked for; null for "any available".</param>
public sealed record StaffingRequest(Service Service, DateTime StartUtc, DateTime EndUtc, int? PractitionerId, Guid? MovingBookingId = null);

/// <summary>
/// One person, one place. Every transaction that gives a practitioner or a room an appointment (a reservation, a
/// move, a reassignment) first takes their rows' locks with a conditional update, and only then reads what they
/// already have and decides: so two transactions that could give the same practitioner or room overlapping
/// appointments run one after the other, and the second sees the first's booking. Global lock order:
/// customer row -> queue entry -> practitioner rows by id -> room rows by id -> slot counters by id -> booking
/// -> waitlist entry. Freeing (cancel, expiry, no-show) needs no lock: it only makes room.
/// </summary>
public static class PractitionerSeats
{
    /// <summary>How far around the slots the occupancy is read: the whole local day for "least booked that day", and every buffer.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    /// <summary>
    /// Locks the practitioners and rooms the requests can use, then chooses for each in order (each choice seen by
    /// the next): the seat's practitioner and room, or null when nobody asked for (or nobody at all) is free. Call
    /// inside the transaction, after the customer rows and queue entries and before any slot counter.
    /// </summary>
    public static async Task<List<SeatAssignment?>> AssignAsync(BookingDbContext db, IReadOnlyList<StaffingRequest> requests, CancellationToken cancellationToken)
    {
        var services = requests.Select(r => r.Service).DistinctBy(s => s.Id).ToList();
        var serviceIds = services.Select(s => s.Id).ToList();
        var performers = await db.PractitionerServices.AsNoTracking().Where(ps => serviceIds.Contains(ps.ServiceId))
            .Select(ps => new { ps.ServiceId, ps.PractitionerId }).ToListAsync(cancellationToken);
        var practitionerIds = requests.SelectMany(r => r.PractitionerId is { } asked ? [asked]
            : performers.Where(p => p.ServiceId == r.Service.Id).Select(p => p.PractitionerId)).ToList();
        var roomIds = await db.ServiceRooms.AsNoTracking().Where(sr => serviceIds.Contains(sr.ServiceId)).Select(sr => sr.RoomId).ToListAsync(cancellationToken);
        await LockAsync(db, practitionerIds, roomIds, cancellationToken);

        var (first, last) = (requests.Min(r => r.StartUtc), requests.Max(r => r.EndUtc));
        var staffings = new Dictionary<int, SlotStaffing>();
        foreach (var service in services)
        {
            staffings[service.Id] = await LoadAsync(db, service, first, last, requests.FirstOrDefault(r => r.Service.Id == service.Id)?.MovingBookingId, cancellationToken);
        }

        var assignments = new List<SeatAssignment?>();
        foreach (var request in requests)
        {
            var assignment = staffings[request.Service.Id].Choose(request.StartUtc, request.EndUtc, request.PractitionerId);
            if (assignment is not null)
            {
                var given = Appointment.For(request.Service, Guid.NewGuid(), assignment.PractitionerId, assignment.RoomId, request.StartUtc, request.EndUtc);
                foreach (var staffing in staffings.Values)
                {
                    staffing.Add(given);
                }
            }

            assignments.Add(assignment);
        }

        return assignments;
    }

    /// <summary>
    /// One seat (a waitlist claim, a booking moving to another time, or staying for a reassignment): Free with no
    /// assignment when the service books no practitioners; else the practitioner asked for (null: any available) and a
    /// room, under their locks, a moving booking not standing in its own way; not Free when nobody fitting is free then.
    /// A new booking (a claim) passes null as <paramref name="movingBookingId"/>.
    /// </summary>
    public static async Task<(bool Free, SeatAssignment? Assignment)> AssignOneAsync(
        BookingDbContext db, Service service, Guid? movingBookingId, int? practitionerId, DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        if (!service.BooksPractitioners)
        {
            return (true, null);
        }

        var assignment = (await AssignAsync(db, [new StaffingRequest(service, startUtc, endUtc, practitionerId, movingBookingId)], cancellationToken))[0];
        return (assignment is not null, assignment);
    }

    /// <summary>
    /// Whether a booking that stopped occupying its practitioner (a no-show) may occupy them and its room again: under
    /// their locks, as a booking given them meanwhile took them, nothing else of theirs overlaps it and its class has
    /// room (<see cref="SlotStaffing.Clashes"/>). True when the service books no practitioners or the booking has none.
    /// </summary>
    public static async Task<bool> CanRetakeAsync(BookingDbContext db, Service service, Domain.Booking booking, CancellationToken cancellationToken)
    {
        if (!service.BooksPractitioners || booking.PractitionerId is not { } practitionerId)
        {
            return true;
        }

        await LockAsync(db, [practitionerId], booking.RoomId is { } roomId ? [roomId] : [], cancellationToken);
        // Their own appointments are read even when they no longer give the service or are inactive: the booking keeps them.
        var staffing = await LoadAsync(db, service, booking.StartUtc, booking.EndUtc, booking.Id, [practitionerId], booking.RoomId is { } room ? [room] : [], cancellationToken);
        return !staffing.Clashes(practitionerId, booking.RoomId, booking.StartUtc, booking.EndUtc);
    }

    /// <summary>Takes the practitioners' rows' locks, then the rooms', each in the order of their ids (a write that bumps LockVersion).</summary>
    public static async Task LockAsync(BookingDbContext db, IEnumerable<int> practitionerIds, IEnumerable<int> roomIds, CancellationToken cancellationToken)
    {
        foreach (var id in practitionerIds.Distinct().Order())
        {
            await db.Practitioners.Where(p => p.Id == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.LockVersion, x => x.LockVersion + 1), cancellationToken);
        }

        foreach (var id in roomIds.Distinct().Order())
        {
            await db.Rooms.Where(r => r.Id == id).ExecuteUpdateAsync(r => r.SetProperty(x => x.LockVersion, x => x.LockVersion + 1), cancellationToken);
        }
    }

    /// <summary>
    /// The service's active practitioners and rooms with everything that occupies them around the slots from
    /// <paramref name="firstStartUtc"/> to <paramref name="lastEndUtc"/> (widened by the margin: their whole local days,
    /// and every buffer): active bookings of any service, with their own buffers, a class's seats as one; external busy
    /// time; never the booking being moved or reassigned. Without the locks this is a look for the calendars; under them
    /// (<see cref="AssignAsync"/>) it decides.
    /// </summary>
    public static Task<SlotStaffing> LoadAsync(
        BookingDbContext db, Service service, DateTime firstStartUtc, DateTime lastEndUtc, Guid? ignoredBookingId, CancellationToken cancellationToken) =>
        LoadAsync(db, service, firstStartUtc, lastEndUtc, ignoredBookingId, [], [], cancellationToken);

    /// <summary>As above, with the appointments also of <paramref name="alsoPractitioners"/> and <paramref name="alsoRooms"/> read, whether or not they serve it now.</summary>
    private static async Task<SlotStaffing> LoadAsync(
        BookingDbContext db, Service service, DateTime firstStartUtc, DateTime lastEndUtc, Guid? ignoredBookingId,
        IReadOnlyList<int> alsoPractitioners, IReadOnlyList<int> alsoRooms, CancellationToken cancellationToken)
    {
        var (fromUtc, toUtc) = (firstStartUtc - Margin, lastEndUtc + Margin);
        var practitioners = await db.Practitioners.AsNoTracking().AsSplitQuery()
            .Where(p => p.IsActive && p.Services.Any(s => s.ServiceId == service.Id))
            .Include(p => p.Hours).Include(p => p.Exceptions).ToListAsync(cancellationToken);
        var ids = practitioners.Select(p => p.Id).ToList();
        var roomIds = await db.ServiceRooms.Where(sr => sr.ServiceId == service.Id)
            .Join(db.Rooms.Where(r => r.IsActive), sr => sr.RoomId, r => r.Id, (sr, r) => r.Id).ToListAsync(cancellationToken);
        var (readPractitioners, readRooms) = (ids.Concat(alsoPractitioners).Distinct().ToList(), roomIds.Concat(alsoRooms).Distinct().ToList());
        var appointments = (await db.Bookings.AsNoTracking().Where(Domain.Booking.OccupiesPractitioner)
            .Where(b => ignoredBookingId == null || b.Id != ignoredBookingId)
            .Where(b => (b.PractitionerId != null && readPractitioners.Contains(b.PractitionerId.Value)) || (b.RoomId != null && readRooms.Contains(b.RoomId.Value)))
            .Where(b => b.StartUtc < toUtc && b.EndUtc > fromUtc)
            .Join(db.Services, b => b.ServiceId, s => s.Id, (b, s) => new { b.ServiceId, b.PractitionerId, b.RoomId, b.StartUtc, b.EndUtc, s.BufferBeforeMinutes, s.BufferAfterMinutes })
            .GroupBy(a => a)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .Select(a => new Appointment(Guid.Empty, a.Key.ServiceId, a.Key.PractitionerId, a.Key.RoomId, a.Key.StartUtc, a.Key.EndUtc, a.Key.BufferBeforeMinutes, a.Key.BufferAfterMinutes) { Count = a.Count });
        var busy = await db.PractitionerBusyPeriods.AsNoTracking()
            .Where(p => ids.Contains(p.PractitionerId) && p.StartUtc < toUtc && p.EndUtc > fromUtc).ToListAsync(cancellationToken);
        return new SlotStaffing(service, practitioners.Select(p => new StaffedPractitioner(p.Id, p.Hours, p.Exceptions)), roomIds, appointments, busy)
        {
            IgnoredBookingId = ignoredBookingId,
        };
    }
}
