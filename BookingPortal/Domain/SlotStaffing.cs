namespace BookingPortal.Domain;

/// <summary>
/// Who can give a seat of one service's slots: the service's practitioners, their rotas, everything that already
/// occupies them or the service's rooms (appointments of any service, external busy time). Pure: the booking path
/// fills it inside its transaction, after taking the practitioners' and rooms' row locks, and records each seat it
/// gives with <see cref="Add"/> so the next request of a batch sees it.
/// </summary>
public sealed class SlotStaffing(
    Service service,
    IEnumerable<StaffedPractitioner> practitioners,
    IReadOnlyList<int> roomIds,
    IEnumerable<Appointment> appointments,
    IEnumerable<PractitionerBusyPeriod> busyPeriods)
{
    private readonly List<StaffedPractitioner> practitionersById = practitioners.OrderBy(p => p.Id).ToList();
    private readonly List<Appointment> appointments = appointments.ToList();
    private readonly List<PractitionerBusyPeriod> busyPeriods = busyPeriods.ToList();
    private readonly Dictionary<(int, DateOnly), List<TimeRange>> freeIntervals = [];
    private Occupancy? occupancy;

    /// <summary>
    /// A booking being moved or reassigned: it does not stand in its own way. Never <see cref="Guid.Empty"/>: the
    /// appointments read from the database carry that id (a class's seats come as one row), so ignoring it would
    /// ignore them all; a waitlist claim once did, and gave practitioners a second appointment at the same hour.
    /// </summary>
    public Guid? IgnoredBookingId
    {
        get;
        init => field = value == Guid.Empty ? throw new ArgumentException("A new booking ignores no booking: pass null.", nameof(IgnoredBookingId)) : value;
    }

    public IReadOnlyList<int> PractitionerIds => practitionersById.Select(p => p.Id).ToList();

    public bool NeedsRoom => roomIds.Count > 0;

    public void Add(Appointment appointment)
    {
        appointments.Add(appointment);
        occupancy?.Add(appointment);
    }

    /// <summary>The seats a slot can still sell: each free practitioner's seats, a new practitioner only while a room is free for them.</summary>
    public int BookableSeats(DateTime startUtc, DateTime endUtc)
    {
        var offers = Offers(startUtc, endUtc);
        var continuing = offers.Where(o => o.Continuing).Sum(o => o.Seats);
        var starting = offers.Count(o => !o.Continuing);
        if (NeedsRoom)
        {
            starting = Math.Min(starting, FreeRooms(Slot(startUtc, endUtc)).Count);
        }

        return continuing + starting * service.SeatsPerPractitioner;
    }

    /// <summary>The seats one practitioner can still give in the slot (a room included), or with null any of them (<see cref="BookableSeats"/>).</summary>
    public int SeatsFor(int? practitionerId, DateTime startUtc, DateTime endUtc) => practitionerId is not { } id ? BookableSeats(startUtc, endUtc)
        : FreePractitioners(startUtc, endUtc).Contains(id) ? SeatsLeft(id, startUtc, endUtc) : 0;

    /// <summary>The practitioners with a seat left in the slot (and a room for it), by id.</summary>
    public IReadOnlyList<int> FreePractitioners(DateTime startUtc, DateTime endUtc) =>
        Offers(startUtc, endUtc).Where(o => o.Continuing || o.RoomId is not null || !NeedsRoom).Select(o => o.PractitionerId).ToList();

    /// <summary>
    /// The practitioner (and room) to give a seat: the one asked for when they are free, else null; with none asked
    /// ("any available"), the one with the fewest appointments on the slot's local date across all services, ties
    /// broken by a rotation that starts one practitioner further along (by id) each day, so nobody is always first.
    /// </summary>
    public SeatAssignment? Choose(DateTime startUtc, DateTime endUtc, int? practitionerId)
    {
        var localDate = WallTime.LocalDateOf(startUtc, service.TimeZone);
        var offers = Offers(startUtc, endUtc).Where(o => o.Continuing || o.RoomId is not null || !NeedsRoom);
        var chosen = practitionerId is { } wanted
            ? offers.FirstOrDefault(o => o.PractitionerId == wanted)
            : offers.OrderBy(o => AppointmentsOn(o.PractitionerId, localDate)).ThenBy(o => RotationRank(o.PractitionerId, localDate)).FirstOrDefault();
        return chosen is null ? null : new SeatAssignment(chosen.PractitionerId, chosen.RoomId);
    }

    /// <summary>The seats one practitioner has left in the slot: 0 outside their hours, in busy time or when another appointment clashes.</summary>
    public int SeatsLeft(int practitionerId, DateTime startUtc, DateTime endUtc)
    {
        var slot = Slot(startUtc, endUtc);
        var practitioner = practitionersById.FirstOrDefault(p => p.Id == practitionerId);
        if (practitioner is null || !PractitionerSchedule.Covers(FreeIntervalsOf(practitioner, WallTime.LocalDateOf(startUtc, service.TimeZone)), new TimeRange(startUtc, endUtc))
            || busyPeriods.Any(b => b.PractitionerId == practitionerId && slot.Blocked.Overlaps(new TimeRange(b.StartUtc, b.EndUtc))))
        {
            return 0;
        }

        var own = Occupied().OfPractitioner(practitionerId);
        var sharing = own.Where(a => a.SharesSlot(service.Id, startUtc)).Sum(a => a.Count);
        return own.Any(a => !a.SharesSlot(service.Id, startUtc) && a.Blocked.Overlaps(slot.Blocked)) ? 0 : Math.Max(0, service.SeatsPerPractitioner - sharing);
    }

    /// <summary>
    /// Whether an appointment given before and since set aside (a no-show staff take back) would now clash: another
    /// appointment of its practitioner or room overlaps it, buffers included, or its class is full. Hours and busy time
    /// are not asked again: they were judged when it was given, and time off does not undo a booking either.
    /// </summary>
    public bool Clashes(int practitionerId, int? roomId, DateTime startUtc, DateTime endUtc)
    {
        var blocked = Slot(startUtc, endUtc).Blocked;
        var own = Occupied().OfPractitioner(practitionerId);
        bool SameClass(Appointment a) => a.SharesSlot(service.Id, startUtc) && a.PractitionerId == practitionerId;
        return own.Where(SameClass).Sum(a => a.Count) >= service.SeatsPerPractitioner
            || own.Any(a => !SameClass(a) && a.Blocked.Overlaps(blocked))
            || (roomId is { } room && Occupied().OfRoom(room).Any(a => !SameClass(a) && a.Blocked.Overlaps(blocked)));
    }

    /// <summary>The position of a practitioner in the day's rotation: the list by id, started at (day number mod count).</summary>
    public int RotationRank(int practitionerId, DateOnly localDate)
    {
        var count = practitionersById.Count;
        var index = practitionersById.FindIndex(p => p.Id == practitionerId);
        return ((index - localDate.DayNumber % count) % count + count) % count;
    }

    public int AppointmentsOn(int practitionerId, DateOnly localDate) => Occupied().On(practitionerId, localDate);

    private List<Offer> Offers(DateTime startUtc, DateTime endUtc)
    {
        var slot = Slot(startUtc, endUtc);
        var freeRoom = NeedsRoom ? FreeRooms(slot).Cast<int?>().FirstOrDefault() : null;
        var offers = new List<Offer>();
        foreach (var practitioner in practitionersById)
        {
            var seats = SeatsLeft(practitioner.Id, startUtc, endUtc);
            if (seats == 0)
            {
                continue;
            }

            var sharing = Occupied().OfPractitioner(practitioner.Id).FirstOrDefault(a => a.SharesSlot(service.Id, startUtc));
            offers.Add(sharing is null ? new Offer(practitioner.Id, seats, false, freeRoom) : new Offer(practitioner.Id, seats, true, sharing.RoomId));
        }

        return offers;
    }

    private List<int> FreeRooms(Appointment slot) =>
        roomIds.Order().Where(room => !Occupied().OfRoom(room).Any(a => a.Blocked.Overlaps(slot.Blocked))).ToList();

    private Appointment Slot(DateTime startUtc, DateTime endUtc) => Appointment.For(service, Guid.Empty, null, null, startUtc, endUtc);

    /// <summary>The appointments by practitioner, room and local day, built once (a batch asks for every request).</summary>
    private Occupancy Occupied()
    {
        if (occupancy is null)
        {
            occupancy = new Occupancy(service.TimeZone, IgnoredBookingId);
            appointments.ForEach(occupancy.Add);
        }

        return occupancy;
    }

    private List<TimeRange> FreeIntervalsOf(StaffedPractitioner practitioner, DateOnly localDate)
    {
        if (!freeIntervals.TryGetValue((practitioner.Id, localDate), out var free))
        {
            free = PractitionerSchedule.FreeIntervals(practitioner.Hours, practitioner.Exceptions, service.TimeZone, localDate);
            freeIntervals[(practitioner.Id, localDate)] = free;
        }

        return free;
    }

    private sealed class Occupancy(TimeZoneInfo zone, Guid? ignoredBookingId)
    {
        private readonly Dictionary<int, List<Appointment>> byPractitioner = [];
        private readonly Dictionary<int, List<Appointment>> byRoom = [];
        private readonly Dictionary<(int, DateOnly), int> perDay = [];

        public void Add(Appointment appointment)
        {
            if (appointment.BookingId == ignoredBookingId)
            {
                return;
            }

            if (appointment.PractitionerId is { } practitionerId)
            {
                ListOf(byPractitioner, practitionerId).Add(appointment);
                var day = (practitionerId, WallTime.LocalDateOf(appointment.StartUtc, zone));
                perDay[day] = perDay.GetValueOrDefault(day) + appointment.Count;
            }

            if (appointment.RoomId is { } roomId)
            {
                ListOf(byRoom, roomId).Add(appointment);
            }
        }

        public IReadOnlyList<Appointment> OfPractitioner(int practitionerId) => byPractitioner.GetValueOrDefault(practitionerId) ?? [];

        public IReadOnlyList<Appointment> OfRoom(int roomId) => byRoom.GetValueOrDefault(roomId) ?? [];

        public int On(int practitionerId, DateOnly localDate) => perDay.GetValueOrDefault((practitionerId, localDate));

        private static List<Appointment> ListOf(Dictionary<int, List<Appointment>> index, int key)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            return list;
        }
    }

    /// <summary>A practitioner's seats in a slot; Continuing when they already give this slot (a class), then in their room.</summary>
    private sealed record Offer(int PractitionerId, int Seats, bool Continuing, int? RoomId);
}
