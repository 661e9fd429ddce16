namespace BookingPortal.Features.Insights;

/// <summary>One reading of seats left during an opening (<see cref="Domain.OpeningSeatSample"/>).</summary>
public sealed record SeatReading(DateTime AtUtc, int SeatsLeft)
{
    /// <summary>
    /// Each minute takes the last reading made before it ended (earlier minutes' readings carry over a minute the recorder
    /// missed); minutes before the first reading have none.
    /// </summary>
    public static IReadOnlyList<OpeningMinute> Onto(IReadOnlyList<OpeningMinute> minutes, IReadOnlyList<SeatReading> readingsInOrder)
    {
        var next = 0;
        int? seatsLeft = null;
        var result = new List<OpeningMinute>(minutes.Count);
        foreach (var minute in minutes)
        {
            var endUtc = minute.MinuteUtc.AddMinutes(1);
            while (next < readingsInOrder.Count && readingsInOrder[next].AtUtc < endUtc)
            {
                seatsLeft = readingsInOrder[next++].SeatsLeft;
            }

            result.Add(minute with { SeatsLeft = seatsLeft });
        }

        return result;
    }
}
