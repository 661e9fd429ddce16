namespace BookingPortal.Infrastructure.Telemetry;

/// <summary>Sum and count of the measurements of the last minute, in one-second buckets.</summary>
public sealed class RollingWindow
{
    public const int Seconds = 60;
    private readonly long[] bucketSecond = new long[Seconds];
    private readonly double[] sums = new double[Seconds];
    private readonly long[] counts = new long[Seconds];

    public void Add(long second, double value)
    {
        var i = (int)(second % Seconds);
        lock (counts)
        {
            if (bucketSecond[i] != second)
            {
                (bucketSecond[i], sums[i], counts[i]) = (second, 0, 0);
            }

            sums[i] += value;
            counts[i]++;
        }
    }

    /// <summary>Sum and count over the minute up to <paramref name="nowSecond"/>.</summary>
    public (double Sum, long Count) LastMinute(long nowSecond)
    {
        double sum = 0;
        long count = 0;
        lock (counts)
        {
            for (var i = 0; i < Seconds; i++)
            {
                if (bucketSecond[i] > nowSecond - Seconds && bucketSecond[i] <= nowSecond)
                {
                    sum += sums[i];
                    count += counts[i];
                }
            }
        }

        return (sum, count);
    }
}
