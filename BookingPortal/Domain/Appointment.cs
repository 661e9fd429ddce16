namespace BookingPortal.Domain;

/// <summary>An active booking as it occupies a practitioner and a room: its time widened by its own service's buffers.</summary>
public sealed record Appointment(
    Guid BookingId, int ServiceId, int? PractitionerId, int? RoomId, DateTime StartUtc, DateTime EndUtc, int BufferBeforeMinutes, int BufferAfterMinutes)
{
    /// <summary>
    /// The time nobody else may use this practitioner or room. Two appointments clash when their blocked times
    /// overlap, so the gap between them is the first one's buffer after plus the second one's buffer before,
    /// whichever services they belong to.
    /// </summary>
    public TimeRange Blocked => new(StartUtc.AddMinutes(-BufferBeforeMinutes), EndUtc.AddMinutes(BufferAfterMinutes));

    /// <summary>
    /// How many bookings this stands for: read from the database, the seats of one class (same practitioner, room,
    /// service and time) come as one row, so a crowd's booking path reads a row per class instead of per seat.
    /// </summary>
    public int Count { get; init; } = 1;

    /// <summary>Seats of one group slot (same service, same start) share the practitioner instead of clashing.</summary>
    public bool SharesSlot(int serviceId, DateTime startUtc) => ServiceId == serviceId && StartUtc == startUtc;

    public static Appointment For(Service service, Guid bookingId, int? practitionerId, int? roomId, DateTime startUtc, DateTime endUtc) =>
        new(bookingId, service.Id, practitionerId, roomId, startUtc, endUtc, service.BufferBeforeMinutes, service.BufferAfterMinutes);
}

/// <summary>A practitioner who performs the service, with their rota.</summary>
public sealed record StaffedPractitioner(int Id, IReadOnlyList<WorkingHours> Hours, IReadOnlyList<AvailabilityException> Exceptions);

/// <summary>Who gives a seat and in which room (null when the service needs none).</summary>
public sealed record SeatAssignment(int PractitionerId, int? RoomId);
