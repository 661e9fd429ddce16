namespace BookingPortal.Tests.Unit.Features.Queue;

/// <summary>How one simulated opening behaves: its crowd, its seats and the people in it.</summary>
public sealed record OpeningScenario(
    string Name, int People, int Seats, Release Release, double BookShare, (double From, double To)? PausedMinutes = null, int Seed = 23);

/// <summary>How the estimates compared with what happened, over every sampled person and moment.</summary>
public sealed record EstimateAccuracy(int Samples, double InRange, double MeanAbsoluteErrorMinutes, double MeanRelativeError, int ChanceSamples, double ChanceRight)
{
    public override string ToString() =>
        $"{Samples} wait samples: {InRange:P0} within the range, mean error {MeanAbsoluteErrorMinutes:0.0} min ({MeanRelativeError:P0}); "
        + $"{ChanceSamples} seat-chance samples: {ChanceRight:P0} right";
}

/// <summary>
/// A waiting room run second by second as the admission job runs it (a tick every 2 s, the rate over the
/// last minute and the concurrent limit), with people who book after 1–3 minutes or let their turn lapse.
/// Every 30 s it asks <see cref="WaitEstimator"/> about every 10th person still waiting, with the pace the
/// portal would read, and afterwards scores each answer against when that person was actually admitted.
/// </summary>
public static class OpeningSimulation
{
    public static EstimateAccuracy Run(OpeningScenario scenario)
    {
        var random = new Random(scenario.Seed);
        var release = scenario.Release;
        var admittedAt = new double?[scenario.People];
        var seatOffered = new bool[scenario.People];
        var turns = new List<(int Person, double Ends, bool Books)>();
        var samples = new List<(int Person, double At, WaitEstimate Estimate)>();
        var (seats, bookedCount, lapsed, next) = (scenario.Seats, 0, 0, 0);
        for (var second = 0; second < 6 * 3600 && (next < scenario.People || turns.Count > 0); second++)
        {
            var minute = second / 60.0;
            foreach (var turn in turns.Where(t => t.Ends <= minute).ToList())
            {
                turns.Remove(turn);
                // Whether a seat was there for them, whether or not they chose to take it.
                seatOffered[turn.Person] = seats > 0;
                if (turn.Books && seats > 0)
                {
                    (seats, bookedCount) = (seats - 1, bookedCount + 1);
                }
                else
                {
                    lapsed++;
                }
            }

            var paused = scenario.PausedMinutes is { } p && minute >= p.From && minute < p.To;
            if (second % 2 == 0 && !paused && seats > 0)
            {
                next = Admit(scenario, random, admittedAt, turns, next, minute);
            }

            if (second % 30 == 0 && seats > 0)
            {
                var pace = Pace(admittedAt, minute, turns.Count, bookedCount, lapsed, paused);
                for (var person = next; person < scenario.People; person += 10)
                {
                    samples.Add((person, minute, WaitEstimator.Estimate(person - next + 1, seats, release, pace)));
                }
            }
        }

        return Score(samples, admittedAt, seatOffered);
    }

    /// <summary>One admission tick, as the admission job runs it; returns the next person in line.</summary>
    private static int Admit(OpeningScenario scenario, Random random, double?[] admittedAt, List<(int Person, double Ends, bool Books)> turns, int next, double minute)
    {
        var release = scenario.Release;
        var lastMinute = admittedAt.Count(a => a > minute - 1);
        var allowed = Math.Max(0, Math.Min(release.MaxConcurrentAdmissions - turns.Count, release.AdmissionRatePerMinute - lastMinute));
        for (; allowed > 0 && next < scenario.People; allowed--, next++)
        {
            admittedAt[next] = minute;
            var books = random.NextDouble() < scenario.BookShare;
            turns.Add((next, minute + (books ? 1 + (2 * random.NextDouble()) : release.AdmissionWindowSeconds / 60.0), books));
        }

        return next;
    }

    private static OpeningPace Pace(double?[] admittedAt, double minute, int holding, int booked, int lapsed, bool paused)
    {
        var window = WaitEstimator.ObservationWindow.TotalMinutes;
        var first = admittedAt[0];
        var observed = first is { } f ? Math.Min(window, minute - f) : 0;
        return new OpeningPace(admittedAt.Count(a => a > minute - window), observed, holding, booked, lapsed, paused);
    }

    private static EstimateAccuracy Score(List<(int Person, double At, WaitEstimate Estimate)> samples, double?[] admittedAt, bool[] seatOffered)
    {
        var waits = samples.Where(s => s.Estimate is { Paused: false } && admittedAt[s.Person] is not null)
            .Select(s => (Actual: admittedAt[s.Person]!.Value - s.At, From: (double)s.Estimate.FromMinutes!, To: (double)s.Estimate.ToMinutes!))
            .ToList();
        var chances = samples.Where(s => s.Estimate.Chance is SeatChance.Good or SeatChance.Unlikely).ToList();
        return new EstimateAccuracy(
            waits.Count,
            waits.Count == 0 ? 0 : waits.Count(w => w.Actual >= w.From - 0.5 && w.Actual <= w.To + 0.5) / (double)waits.Count,
            waits.Count == 0 ? 0 : waits.Average(w => Math.Abs(w.Actual - ((w.From + w.To) / 2))),
            waits.Count == 0 ? 0 : waits.Average(w => Math.Abs(w.Actual - ((w.From + w.To) / 2)) / Math.Max(1, w.Actual)),
            chances.Count,
            chances.Count == 0 ? 1 : chances.Count(c => seatOffered[c.Person] == (c.Estimate.Chance is SeatChance.Good)) / (double)chances.Count);
    }
}
