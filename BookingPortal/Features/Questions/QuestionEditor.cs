using BookingPortal.Features.Audit;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Questions;

/// <summary>
/// Staff add, reword, reorder and remove a service's questions. Answers already given keep their own copy
/// of the question, so none of this changes a past booking; a reworded question gets a new version.
/// Every change is in the audit log (which consent text was live when matters).
/// </summary>
[ScopedService]
public sealed class QuestionEditor(IDbContextFactory<BookingDbContext> dbFactory, AuditLog audit)
{
    public const int MaxQuestionsPerService = 30;

    /// <summary>The key of a problem with the save as a whole rather than one field.</summary>
    public const string WholeForm = "";

    /// <summary>Saves a new question (<paramref name="questionId"/> null) or a change; the problems keyed by field, empty when saved.</summary>
    public async Task<Dictionary<string, WordingProblem>> SaveAsync(
        StaffActor actor, int serviceId, int? questionId, QuestionDraft draft, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var problems = QuestionWording.Problems(draft);
        if (problems.Count > 0)
        {
            return problems;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (question, refusal) = questionId is { } id
            ? (await db.BookingQuestions.FirstOrDefaultAsync(q => q.Id == id && q.ServiceId == serviceId, cancellationToken), WordingProblem.QuestionGone)
            : await NewQuestionAsync(db, serviceId, cancellationToken);
        if (question is null)
        {
            return new() { [WholeForm] = refusal };
        }

        QuestionWording.Apply(question, draft);
        audit.Record(db, actor, "question.saved", $"service {serviceId}", $"v{question.Version} {question.Kind}: {question.TextEn}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (!cancellationToken.IsCancellationRequested)
        {
            // A colleague removed the question between its read and this update.
            return new() { [WholeForm] = WordingProblem.QuestionGone };
        }

        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    public async Task RemoveAsync(StaffActor actor, int serviceId, int questionId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.BookingQuestions.Where(q => q.Id == questionId && q.ServiceId == serviceId).ExecuteDeleteAsync(cancellationToken) == 1)
        {
            audit.Record(db, actor, "question.removed", $"service {serviceId}", $"question {questionId}");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Swaps the question with its neighbour above (<paramref name="up"/>) or below.</summary>
    public async Task MoveAsync(StaffActor actor, int serviceId, int questionId, bool up, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var questions = await db.BookingQuestions.Where(q => q.ServiceId == serviceId).OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(cancellationToken);
        var index = questions.FindIndex(q => q.Id == questionId);
        var other = up ? index - 1 : index + 1;
        if (index < 0 || other < 0 || other >= questions.Count)
        {
            return;
        }

        (questions[index], questions[other]) = (questions[other], questions[index]);
        for (var i = 0; i < questions.Count; i++)
        {
            questions[i].Position = i;
        }

        audit.Record(db, actor, "question.moved", $"service {serviceId}", $"question {questionId} {(up ? "up" : "down")}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <returns>The new question, or null and why there is none.</returns>
    private static async Task<(BookingQuestion? Question, WordingProblem Refusal)> NewQuestionAsync(BookingDbContext db, int serviceId, CancellationToken cancellationToken)
    {
        // The service's row lock first (a write that changes nothing): two staff adding the 30th question at once
        // count one after the other, so the limit and the next position hold.
        if (await db.Services.Where(s => s.Id == serviceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, x => x.Name), cancellationToken) == 0)
        {
            return (null, WordingProblem.QuestionGone);
        }

        var count = await db.BookingQuestions.CountAsync(q => q.ServiceId == serviceId, cancellationToken);
        if (count >= MaxQuestionsPerService)
        {
            return (null, WordingProblem.TooManyQuestions);
        }

        var position = count == 0 ? 0 : await db.BookingQuestions.Where(q => q.ServiceId == serviceId).MaxAsync(q => q.Position, cancellationToken) + 1;
        var question = new BookingQuestion { ServiceId = serviceId, Position = position, TextEn = "" };
        db.BookingQuestions.Add(question);
        return (question, default);
    }
}
