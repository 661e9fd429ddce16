namespace BookingPortal.Domain;

public enum AvailabilityExceptionKind
{
    /// <summary>Holiday, conference, sick day: no appointments in the range.</summary>
    TimeOff,

    /// <summary>One-off hours on top of the rota.</summary>
    ExtraHours,
}

/// <summary>
/// A one-off change to a practitioner's rota, in wall time of the service's zone (a whole day off is midnight to
/// the next midnight). Wall time, not UTC, so a holiday stays on the days it was given when the clocks change.
/// </summary>
public class AvailabilityException
{
    public int Id { get; set; }
    public int PractitionerId { get; set; }
    public AvailabilityExceptionKind Kind { get; set; }
    public DateTime StartLocal { get; set; }
    public DateTime EndLocal { get; set; }
    public string Reason { get; set; } = "";
}
