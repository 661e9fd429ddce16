namespace BookingPortal.Features.Queue;

/// <summary>What an opening's queue has done so far: the figures the wait and the chance of a seat are estimated from.</summary>
/// <param name="AdmittedRecently">Admissions within the last <paramref name="ObservedMinutes"/>.</param>
/// <param name="ObservedMinutes">How long admissions have been watched, at most <see cref="WaitEstimator.ObservationWindow"/>.</param>
/// <param name="HoldingTurns">Admitted people whose turn is running now.</param>
/// <param name="Booked">Admitted people who booked.</param>
/// <param name="Lapsed">Admitted people whose turn ran out or who left without booking.</param>
/// <param name="Paused">Staff hold admissions.</param>
public sealed record OpeningPace(int AdmittedRecently, double ObservedMinutes, int HoldingTurns, int Booked, int Lapsed, bool Paused)
{
    public static readonly OpeningPace NotStarted = new(0, 0, 0, 0, 0, false);
}

public enum SeatChance
{
    /// <summary>Seats are not counted for this release, so nothing is said.</summary>
    Unknown,
    Good,

    /// <summary>The seats may run out around this place.</summary>
    Close,
    Unlikely,
}

/// <summary>
/// The wait as a range of whole minutes, rounded to coarse steps so that it (and what a screen reader
/// hears) changes only when the customer's prospects do; null bounds while admission is paused.
/// </summary>
public sealed record WaitEstimate(int? FromMinutes, int? ToMinutes, bool Paused, SeatChance Chance, long Place, long? SeatsLastToPlace);

/// <summary>
/// Estimates the wait from the admission rate the opening shows (and, before there is a minute of it to
/// go on, from the rate the release allows and the turns its concurrent limit can hold), and the chance of a
/// seat from the seats left and the share of admitted people who actually booked.
/// </summary>
public static class WaitEstimator
{
    public static readonly TimeSpan ObservationWindow = TimeSpan.FromMinutes(3);

    /// <summary>A booking takes about this long once admitted, until the opening shows otherwise.</summary>
    private const double AssumedBookingMinutes = 2;

    public static WaitEstimate Estimate(long place, int? remainingSeats, Release release, OpeningPace pace)
    {
        var chance = Chance(place, remainingSeats, pace, out var lastPlace);
        if (pace.Paused || release.AdmissionPaused)
        {
            return new WaitEstimate(null, null, true, chance, place, lastPlace);
        }

        var (slow, fast) = Rates(release, pace);
        var ahead = Math.Max(0, place - 1);
        var (from, to) = Bucket(ahead / fast, ahead / slow);
        return new WaitEstimate(from, to, false, chance, place, lastPlace);
    }

    /// <summary>The slowest and fastest admission rates (per minute) that are plausible from here.</summary>
    internal static (double Slow, double Fast) Rates(Release release, OpeningPace pace)
    {
        var bookShare = BookShare(pace);
        // A turn that lapses holds its place among the concurrent admissions for the whole window.
        var holdMinutes = (bookShare * AssumedBookingMinutes) + ((1 - bookShare) * release.AdmissionWindowSeconds / 60.0);
        var modelled = Math.Max(0.1, Math.Min(release.AdmissionRatePerMinute, release.MaxConcurrentAdmissions / holdMinutes));
        if (pace.ObservedMinutes < 1 || pace.AdmittedRecently == 0)
        {
            return (modelled * 0.75, modelled * 1.15);
        }

        var observed = Math.Max(0.1, pace.AdmittedRecently / pace.ObservedMinutes);
        return (Math.Min(observed, modelled) * 0.85, Math.Min(release.AdmissionRatePerMinute, Math.Max(observed, modelled) * 1.1));
    }

    /// <summary>The share of admitted people who book, pulled towards 4 in 5 until enough have decided.</summary>
    internal static double BookShare(OpeningPace pace) => (pace.Booked + 4.0) / (pace.Booked + pace.Lapsed + 5.0);

    private static SeatChance Chance(long place, int? remainingSeats, OpeningPace pace, out long? lastPlace)
    {
        lastPlace = null;
        if (remainingSeats is not { } seats)
        {
            return SeatChance.Unknown;
        }

        var share = BookShare(pace);
        var forTheLine = Math.Max(0, seats - (share * pace.HoldingTurns));
        var last = (long)Math.Floor(forTheLine / share);
        lastPlace = last;
        return place <= last * 0.85 ? SeatChance.Good : place <= last * 1.2 ? SeatChance.Close : SeatChance.Unlikely;
    }

    /// <summary>Rounds a range of minutes outwards to steps that grow with the wait (1, 5, 10, 30 minutes).</summary>
    internal static (int From, int To) Bucket(double fromMinutes, double toMinutes)
    {
        var step = Step(toMinutes);
        var from = (int)(Math.Floor(fromMinutes / step) * step);
        var to = (int)(Math.Ceiling(toMinutes / step) * step);
        return (from, Math.Max(to, from + step));
    }

    private static int Step(double minutes) => minutes switch
    {
        < 10 => 1,
        < 30 => 5,
        < 120 => 10,
        _ => 30,
    };
}
