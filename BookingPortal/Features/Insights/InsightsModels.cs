namespace BookingPortal.Features.Insights;

/// <summary>A service staff can pick on an Insights page, with the zone its dates are read in.</summary>
public sealed record InsightsService(int Id, string Name, string TimeZoneId);

/// <summary>One occurrence of a release opening, as the opening page's picker lists it.</summary>
public sealed record OpeningChoice(long OpeningId, string ReleaseName, int ServiceId, string ServiceName, string TimeZoneId, DateTime OpensAtUtc);

/// <summary>
/// One minute of an opening's queue (UTC minute start): people who joined, were admitted and whose turn lapsed in that
/// minute, people still in line at its end, seats booked on the service in it, and seats left at its end (the last
/// reading taken by then; null before the first, or for an opening that ran before readings were taken).
/// </summary>
public sealed record OpeningMinute(DateTime MinuteUtc, int Joined, int Admitted, int Lapsed, int InLine, int SeatsBooked, int? SeatsLeft = null);

/// <summary>
/// The waiting room's trust figures, from what its entries and draw keep: entries asked to prove some work before the
/// opening, those that never did (neither solved nor sat out the paced wait, so never counted), and the server's own
/// check of the published draw (null before the draw).
/// </summary>
public sealed record OpeningTrustFigures(int ChallengesAsked, int ChallengesUnmet, DrawCheck? Draw);

public sealed record OpeningInsights(
    OpeningChoice Opening,
    bool IsLive,
    IReadOnlyList<OpeningMinute> Minutes,
    int Joined,
    int Admitted,
    int Lapsed,
    TimeSpan? MedianWait,
    TimeSpan? P90Wait,
    int SeatsBooked,
    int? SeatsLeftNow,
    OpeningTrustFigures Trust)
{
    /// <summary>Bookings made on the service during the opening per admission given; null before anyone was admitted.</summary>
    public double? BookingsPerAdmission => Admitted == 0 ? null : (double)SeatsBooked / Admitted;
}

/// <summary>
/// Appointments of one week (Monday in the service's zone) by what became of them. Kept counts confirmed and
/// completed ones; the no-show rate is over the appointments that were due (kept and no-shows).
/// </summary>
public sealed record BookingWeek(DateOnly WeekStart, int Kept, int Cancelled, int CancelledWithFee, int Moved, int NoShows)
{
    public double? NoShowRate => Kept + NoShows == 0 ? null : (double)NoShows / (Kept + NoShows);
}

/// <summary>Waitlist offers for the dates of one week: made, claimed and lapsed unclaimed.</summary>
public sealed record WaitlistWeek(DateOnly WeekStart, int Offered, int Claimed, int Lapsed);

public sealed record BookingTrends(InsightsService Service, IReadOnlyList<BookingWeek> Weeks, IReadOnlyList<WaitlistWeek> Waitlist)
{
    public double? NoShowRate
    {
        get
        {
            var due = Weeks.Sum(w => w.Kept + w.NoShows);
            return due == 0 ? null : (double)Weeks.Sum(w => w.NoShows) / due;
        }
    }
}

/// <summary>
/// Weekday × hour in the service's zone (rows Monday..Sunday, columns 0..23): appointments booked (not cancelled)
/// and slots that were fully booked.
/// </summary>
public sealed record DemandMap(InsightsService Service, DateOnly From, DateOnly Until, int[,] Bookings, int[,] FullSlots)
{
    public const int Days = 7;
    public const int Hours = 24;

    /// <summary>The busiest weekday and hour, or null when nothing was booked.</summary>
    public (DayOfWeek Day, int Hour, int Count)? Busiest(int[,] cells)
    {
        (DayOfWeek, int, int)? best = null;
        for (var day = 0; day < Days; day++)
        {
            for (var hour = 0; hour < Hours; hour++)
            {
                if (cells[day, hour] > (best?.Item3 ?? 0))
                {
                    best = (DayOf(day), hour, cells[day, hour]);
                }
            }
        }

        return best;
    }

    /// <summary>Row 0 is Monday, as European and ISO weeks start.</summary>
    public static int RowOf(DayOfWeek day) => ((int)day + 6) % 7;

    public static DayOfWeek DayOf(int row) => (DayOfWeek)((row + 1) % 7);
}
