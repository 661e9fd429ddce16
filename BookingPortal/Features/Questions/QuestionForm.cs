namespace BookingPortal.Features.Questions;

/// <summary>The question editor's fields, bound two-way (a record's init-only members cannot be).</summary>
public sealed class QuestionForm
{
    public QuestionKind Kind { get; set; } = QuestionKind.ShortText;
    public bool Required { get; set; }
    public string TextEn { get; set; } = "";
    public string TextEs { get; set; } = "";
    public string HelpEn { get; set; } = "";
    public string HelpEs { get; set; } = "";
    public string OptionsEn { get; set; } = "";
    public string OptionsEs { get; set; } = "";

    public static QuestionForm From(BookingQuestion q) => new()
    {
        Kind = q.Kind, Required = q.Required, TextEn = q.TextEn, TextEs = q.TextEs, HelpEn = q.HelpEn, HelpEs = q.HelpEs, OptionsEn = q.OptionsEn, OptionsEs = q.OptionsEs,
    };

    public QuestionDraft ToDraft() => new(Kind, Required, TextEn ?? "", TextEs ?? "", HelpEn ?? "", HelpEs ?? "", OptionsEn ?? "", OptionsEs ?? "");
}
