namespace BookingPortal.Features.Queue;

/// <summary>
/// What the waiting room says to screen readers. The visible place changes with every move of the
/// line; announcing each one would talk over everything else, so the polite live region only changes
/// when the number of people ahead crosses into another band.
/// </summary>
public static class QueueAnnouncement
{
    private static readonly int[] Bands = [1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];

    /// <summary>The smallest band limit above the number of people ahead: 0 when nobody is ahead, null beyond the last band.</summary>
    public static int? AheadBand(long peopleAhead) =>
        peopleAhead <= 0 ? 0 : Bands.Cast<int?>().FirstOrDefault(limit => peopleAhead < limit);

    public static int LastBand => Bands[^1];
}
