using BookingPortal.Features.Bookings;
using System.Text.Json;

namespace BookingPortal.Features.Api;

/// <summary>
/// The <c>answers</c> of a booking request: an object keyed by question id, each value a string, a
/// number, true/false, or an array of strings (multiple choice). Their meaning is checked with the
/// booking (<see cref="AnswerRules"/>); here only their shape, and problems are keyed <c>answers.{id}</c>.
/// </summary>
public static class ApiAnswers
{
    public const int MaxAnswers = 100;

    public static AnswersGiven Read(ApiInput input, JsonFields body)
    {
        switch (body.Find("answers"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return AnswersGiven.None;
            case { ValueKind: JsonValueKind.Object } answers when answers.EnumerateObject().Count() <= MaxAnswers:
                var values = new Dictionary<int, IReadOnlyList<string>>();
                foreach (var answer in answers.EnumerateObject())
                {
                    Read(input, answer, values);
                }

                return new AnswersGiven(values, "en");
            default:
                input.Refuse("answers", $"'answers' must be an object of at most {MaxAnswers} members keyed by question id.");
                return AnswersGiven.None;
        }
    }

    public static string FieldOf(int questionId) => FormattableString.Invariant($"answers.{questionId}");

    private static void Read(ApiInput input, JsonProperty answer, Dictionary<int, IReadOnlyList<string>> values)
    {
        if (!int.TryParse(answer.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            input.Refuse("answers", $"'{answer.Name}' is not a question id: key answers by the question's id.");
            return;
        }

        if (values.ContainsKey(id))
        {
            input.Refuse(FieldOf(id), "Answer each question once.");
            return;
        }

        List<string>? value = answer.Value.ValueKind switch
        {
            JsonValueKind.String => [answer.Value.GetString()!],
            JsonValueKind.Number => [answer.Value.GetRawText()],
            JsonValueKind.True => [BookingAnswer.Yes],
            JsonValueKind.False => [BookingAnswer.No],
            JsonValueKind.Null => [],
            JsonValueKind.Array when answer.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
                answer.Value.EnumerateArray().Select(v => v.GetString()!).ToList(),
            _ => null,
        };
        if (value is null)
        {
            input.Refuse(FieldOf(id), "Give a string, a number, true or false, or an array of strings.");
            return;
        }

        values[id] = value;
    }
}
