namespace BookingPortal.Domain;

/// <summary>
/// Seats left on a service at one instant of a live release opening, as its waiting room showed them: the points of
/// the opening's sell-out curve. Each is an absolute reading of the seat counters, never a running total, so no
/// concurrent booking can make the curve drift; rows are only ever inserted.
/// </summary>
public class OpeningSeatSample
{
    public long Id { get; set; }
    public long OpeningId { get; set; }
    public DateTime AtUtc { get; set; }
    public int SeatsLeft { get; set; }
}
