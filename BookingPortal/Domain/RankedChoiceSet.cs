using System.Text.Json;

namespace BookingPortal.Domain;

/// <summary>What became of a queue entry's ranked choices when it was admitted.</summary>
public enum RankedOutcome
{
    /// <summary>Not admitted yet: the choices wait for the turn.</summary>
    Waiting,

    /// <summary>Admission booked one of the choices (<see cref="RankedChoiceSet.BookedConfirmation"/>).</summary>
    Booked,

    /// <summary>Every choice was taken (or refused) by then: the customer books by hand as without choices.</summary>
    Taken,
}

/// <summary>
/// The times (up to <see cref="RankedChoiceRules.MaxChoices"/>, best first) and the answers to the service's questions a
/// customer gave while waiting; admission books the first of the times still free with these answers, in its own transaction.
/// </summary>
public class RankedChoiceSet
{
    public long QueueEntryId { get; set; }

    /// <summary>The slots' starts, best first, as ISO instants separated by ';' (<see cref="Slots"/>).</summary>
    public string Choices { get; set; } = "";

    /// <summary>The raw answers by question id, as JSON, validated when saved and again when booked.</summary>
    public string Answers { get; set; } = "{}";

    public string AnswersLanguage { get; set; } = "en";

    public DateTime SavedAtUtc { get; set; }

    public RankedOutcome Outcome { get; set; }

    public string? BookedConfirmation { get; set; }

    public IReadOnlyList<DateTime> Slots => Parse(Choices);

    public IReadOnlyDictionary<int, IReadOnlyList<string>> AnswerValues =>
        JsonSerializer.Deserialize<Dictionary<int, string[]>>(Answers)?.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value) ?? [];

    public static string Format(IEnumerable<DateTime> slots) =>
        string.Join(';', slots.Select(s => DateTime.SpecifyKind(s, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));

    public static string FormatAnswers(IReadOnlyDictionary<int, IReadOnlyList<string>> values) =>
        JsonSerializer.Serialize(values.ToDictionary(p => p.Key, p => p.Value.ToArray()));

    private static List<DateTime> Parse(string choices) => choices.Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Select(s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))
        .ToList();
}
