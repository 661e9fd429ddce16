namespace BookingPortal.Domain;

/// <summary>
/// A customer's answer to one question, stored with the booking it came with. It keeps the question
/// as it was asked (wording, choices, version, language), so editing or removing the question later
/// never changes what this booking's customer answered or accepted.
/// </summary>
public class BookingAnswer
{
    public const string Yes = "yes";
    public const string No = "no";
    public const int MaxValueLength = 4000;

    public long Id { get; set; }
    public Guid BookingId { get; set; }

    /// <summary>The question's id when asked; not a foreign key, since the question may be removed later.</summary>
    public int QuestionId { get; set; }
    public int Position { get; set; }
    public QuestionKind Kind { get; set; }
    public int QuestionVersion { get; set; }

    /// <summary>"en" or "es": the language the question was asked in.</summary>
    public required string Language { get; set; }
    public required string QuestionText { get; set; }

    /// <summary>The choices as offered, one per line (empty for questions without choices).</summary>
    public string OptionsAsked { get; set; } = "";

    /// <summary>Text as typed; choices as offered (one per line); yes/no and consent as <see cref="Yes"/>/<see cref="No"/>; dates yyyy-MM-dd; numbers invariant.</summary>
    public required string Value { get; set; }

    /// <summary>The answer as one line, for lists and the CSV export; a consent names the version of the text accepted.</summary>
    public string ValueOnOneLine => Kind == QuestionKind.Consent && Value == Yes ? $"{Yes} (v{QuestionVersion})" : Value.ReplaceLineEndings("; ");
}
