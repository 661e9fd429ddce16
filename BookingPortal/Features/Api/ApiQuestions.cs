using BookingPortal.Features.Catalog;
using BookingPortal.Features.Questions;

namespace BookingPortal.Features.Api;

/// <summary>A booking question as the API lists it; POST /bookings answers it under <c>answers["{Id}"]</c>.</summary>
public sealed record QuestionDto(
    int Id, string Kind, bool Required, string Text, string TextEs, string Help, string HelpEs, IReadOnlyList<string> Options, IReadOnlyList<string> OptionsEs, int Version)
{
    public static QuestionDto From(BookingQuestion q) => new(
        q.Id, KindName(q.Kind), q.Required, q.TextEn, q.Text("es"), q.HelpEn, q.Help("es"), q.Options("en"), q.Options("es"), q.Version);

    /// <summary>short-text, long-text, single-choice, multiple-choice, yes-no, date, number, consent.</summary>
    public static string KindName(QuestionKind kind) => string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

public static class ApiQuestions
{
    public static RouteGroupBuilder MapQuestionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/services/{id:int}/questions", ListAsync).RequireAuthorization(ApiKeyDefaults.ReadPolicy)
            .WithName("ListQuestions").WithSummary("The service's booking questions, in the order asked; answer them in POST /bookings as 'answers'.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(int id, CatalogService catalog, QuestionBook questions, CancellationToken cancellationToken) =>
        await catalog.GetServiceAsync(id, cancellationToken) is null
            ? ApiProblems.Result(ApiProblems.NotFound, $"There is no service {id}.")
            : TypedResults.Ok((await questions.ForServiceAsync(id, cancellationToken)).Select(QuestionDto.From).ToList());
}
