namespace BookingPortal.Domain;

public enum RankedChoiceProblem
{
    TooMany,
    Duplicate,
    NotASlot,
    InThePast,
    OutsideRelease,
}

/// <summary>The rules a customer's ranked times meet when saved. Pure: the caller gives the service, the release's dates and the instant.</summary>
public static class RankedChoiceRules
{
    public const int MaxChoices = 5;

    /// <summary>The problem of each choice by its rank (0 is the best); empty when all may be kept.</summary>
    public static Dictionary<int, RankedChoiceProblem> Check(Service service, SlotDateRange releaseDates, IReadOnlyList<DateTime> choices, DateTime nowUtc)
    {
        var problems = new Dictionary<int, RankedChoiceProblem>();
        for (var rank = 0; rank < choices.Count; rank++)
        {
            var start = DateTime.SpecifyKind(choices[rank], DateTimeKind.Utc);
            var slot = SlotSchedule.Find(service, start);
            RankedChoiceProblem? problem = rank >= MaxChoices ? RankedChoiceProblem.TooMany
                : choices.Take(rank).Any(c => DateTime.SpecifyKind(c, DateTimeKind.Utc) == start) ? RankedChoiceProblem.Duplicate
                : slot is null ? RankedChoiceProblem.NotASlot
                : slot.StartUtc <= nowUtc ? RankedChoiceProblem.InThePast
                : !releaseDates.Contains(slot) ? RankedChoiceProblem.OutsideRelease
                : null;
            if (problem is { } found)
            {
                problems[rank] = found;
            }
        }

        return problems;
    }
}

/// <summary>
/// Picks, round after round, each admitted customer's best choice not yet known to be gone. A round asks the booking
/// writer for each customer's proposal at once; those refused for want of a seat (or a practitioner) move on to their
/// next choice, and a slot found full is skipped by everyone after. Pure, so the order of preference is tested alone.
/// </summary>
public sealed class RankedChoiceSelection<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, (IReadOnlyList<DateTime> Choices, int Next)> open = [];
    private readonly HashSet<DateTime> full = [];

    /// <param name="entries">Each customer's choices, best first, in the order they were admitted (the earlier served first).</param>
    public RankedChoiceSelection(IEnumerable<(TKey Key, IReadOnlyList<DateTime> Choices)> entries)
    {
        foreach (var (key, choices) in entries)
        {
            open[key] = (choices, 0);
        }
    }

    /// <summary>The next proposal of each customer still open, in admission order; none when everyone is decided.</summary>
    public List<(TKey Key, DateTime SlotStartUtc)> NextRound()
    {
        var round = new List<(TKey, DateTime)>();
        foreach (var key in open.Keys.ToList())
        {
            var (choices, next) = open[key];
            while (next < choices.Count && full.Contains(choices[next]))
            {
                next++;
            }

            if (next < choices.Count)
            {
                open[key] = (choices, next);
                round.Add((key, choices[next]));
            }
            else
            {
                open.Remove(key);
                Exhausted.Add(key);
            }
        }

        return round;
    }

    /// <summary>The customers whose every choice was gone.</summary>
    public List<TKey> Exhausted { get; } = [];

    /// <summary>The proposal was booked, or refused for a reason no other time would change: the customer is decided.</summary>
    public void Decided(TKey key) => open.Remove(key);

    /// <summary>The slot had no seat left: nobody is offered it again.</summary>
    public void SlotFull(TKey key, DateTime slotStartUtc)
    {
        Gone(slotStartUtc);
        MoveOn(key);
    }

    /// <summary>The slot cannot be booked by anyone: nobody is offered it.</summary>
    public void Gone(DateTime slotStartUtc) => full.Add(slotStartUtc);

    /// <summary>The slot had seats but nobody (no practitioner or room) to give this customer: they move on, the slot stays for others.</summary>
    public void MoveOn(TKey key)
    {
        if (open.TryGetValue(key, out var state))
        {
            open[key] = (state.Choices, state.Next + 1);
        }
    }
}
