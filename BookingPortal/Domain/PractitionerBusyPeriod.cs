namespace BookingPortal.Domain;

/// <summary>Busy time copied from a practitioner's external calendar; it blocks their slots like an appointment.</summary>
public class PractitionerBusyPeriod
{
    public long Id { get; set; }
    public int PractitionerId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }

    /// <summary>Where the period came from (the feed), so a refresh replaces only its own periods.</summary>
    public string Source { get; set; } = "";
}
