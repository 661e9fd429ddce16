namespace BookingPortal.Domain;

/// <summary>A half-open span of instants [start, end) in UTC.</summary>
public readonly record struct TimeRange(DateTime StartUtc, DateTime EndUtc)
{
    public bool Overlaps(TimeRange other) => StartUtc < other.EndUtc && other.StartUtc < EndUtc;

    public bool Contains(TimeRange other) => StartUtc <= other.StartUtc && other.EndUtc <= EndUtc;

    /// <summary>The ranges merged where they overlap or touch, in order.</summary>
    public static List<TimeRange> Union(IEnumerable<TimeRange> ranges)
    {
        var merged = new List<TimeRange>();
        foreach (var range in ranges.Where(r => r.EndUtc > r.StartUtc).OrderBy(r => r.StartUtc))
        {
            if (merged.Count > 0 && merged[^1].EndUtc >= range.StartUtc)
            {
                merged[^1] = merged[^1] with { EndUtc = range.EndUtc > merged[^1].EndUtc ? range.EndUtc : merged[^1].EndUtc };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>What is left of <paramref name="ranges"/> once every one of <paramref name="removed"/> is cut out.</summary>
    public static List<TimeRange> Subtract(IEnumerable<TimeRange> ranges, IReadOnlyCollection<TimeRange> removed)
    {
        var left = Union(ranges);
        foreach (var cut in removed)
        {
            left = left.SelectMany(r => !r.Overlaps(cut) ? [r] : new[] { r with { EndUtc = cut.StartUtc }, r with { StartUtc = cut.EndUtc } })
                .Where(r => r.EndUtc > r.StartUtc).ToList();
        }

        return left;
    }
}
