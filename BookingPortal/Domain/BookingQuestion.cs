namespace BookingPortal.Domain;

public enum QuestionKind
{
    ShortText,
    LongText,
    SingleChoice,
    MultipleChoice,
    YesNo,
    Date,
    Number,

    /// <summary>A checkbox the customer ticks to accept a text; the booking keeps the version of the text accepted.</summary>
    Consent,
}

/// <summary>
/// One question a service asks in the booking summary, worded in English and Spanish (Spanish falls
/// back to English where staff left it empty). Choices are one per line, in the same order in both languages.
/// </summary>
public class BookingQuestion
{
    public const int MaxTextLength = 1000;
    public const int MaxHelpLength = 500;
    public const int MaxOptionsLength = 2000;

    public int Id { get; set; }
    public int ServiceId { get; set; }
    public int Position { get; set; }
    public QuestionKind Kind { get; set; }
    public bool Required { get; set; }
    public required string TextEn { get; set; }
    public string TextEs { get; set; } = "";
    public string HelpEn { get; set; } = "";
    public string HelpEs { get; set; } = "";
    public string OptionsEn { get; set; } = "";
    public string OptionsEs { get; set; } = "";

    /// <summary>Raised whenever the wording changes (<see cref="QuestionWording.Apply"/>); an answer keeps the version it was given to.</summary>
    public int Version { get; set; } = 1;

    public bool HasOptions => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;

    public static bool IsSpanish(string language) => language.StartsWith("es", StringComparison.OrdinalIgnoreCase);

    public string Text(string language) => IsSpanish(language) && TextEs.Trim().Length > 0 ? TextEs : TextEn;

    public string Help(string language) => IsSpanish(language) && HelpEs.Trim().Length > 0 ? HelpEs : HelpEn;

    public IReadOnlyList<string> Options(string language) => SplitOptions(IsSpanish(language) && OptionsEs.Trim().Length > 0 ? OptionsEs : OptionsEn);

    public static IReadOnlyList<string> SplitOptions(string lines) =>
        lines.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
