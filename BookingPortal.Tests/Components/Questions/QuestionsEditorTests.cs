using BookingPortal.Features.Questions.Components;

namespace BookingPortal.Tests.Components.Questions;

/// <summary>The booking-question editor on a service's page, over the real editor of a test portal.</summary>
public sealed class QuestionsEditorTests() : StaffPageSuite(typeof(QuestionBook), typeof(QuestionEditor))
{
    [Fact]
    public async Task A_double_clicked_save_question_saves_one_question()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var before = (await factory.Get<QuestionBook>().ForServiceAsync(service.Id)).Count;
        var editor = context.Render<QuestionsEditor>(parameters => parameters.Add(e => e.ServiceId, service.Id));
        var question = editor.Find($"#{editor.FindAll("label").First(l => l.TextContent.Trim() == "Question (English)").GetAttribute("for")}");
        await question.ChangeAsync(new() { Value = "Which language do you prefer?" });
        staffDatabase.Hold();

        var clicks = await DoubleClick.StartAsync(editor, () => editor.FindAll("button").First(b => b.TextContent.Contains("Save question")));
        staffDatabase.Release();
        await clicks;

        (await factory.Get<QuestionBook>().ForServiceAsync(service.Id)).Should().HaveCount(before + 1);
    }

    [Fact]
    public async Task A_question_past_the_limit_is_refused_beside_the_save_button_not_under_the_text_field()
    {
        var (service, staff, questions) = (await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName), await factory.StaffAsync(), factory.Get<QuestionEditor>());
        for (var i = (await factory.Get<QuestionBook>().ForServiceAsync(service.Id)).Count; i < QuestionEditor.MaxQuestionsPerService; i++)
        {
            (await questions.SaveAsync(staff, service.Id, null, new(QuestionKind.ShortText, false, $"Question {i}", "", "", "", "", ""))).Should().BeEmpty();
        }

        var editor = context.Render<QuestionsEditor>(parameters => parameters.Add(e => e.ServiceId, service.Id));
        await editor.Find($"#{editor.FindAll("label").First(l => l.TextContent.Trim() == "Question (English)").GetAttribute("for")}")
            .ChangeAsync(new() { Value = "One question too many?" });
        await editor.FindAll("button").First(b => b.TextContent.Contains("Save question")).ClickAsync(new());

        editor.WaitForAssertion(() => editor.Find("[data-testid=question-refusal]").TextContent.Should()
            .Contain($"This service already asks {QuestionEditor.MaxQuestionsPerService} questions, the most it can; remove one to add another."));
        editor.FindAll(".mud-input-error").Should().BeEmpty("no field is at fault");
        (await factory.Get<QuestionBook>().ForServiceAsync(service.Id)).Should().HaveCount(QuestionEditor.MaxQuestionsPerService);
    }

    [Fact]
    public async Task Saving_a_question_a_colleague_removed_meanwhile_says_so_and_turns_the_form_into_a_new_question()
    {
        var (service, staff, questions) = (await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName), await factory.StaffAsync(), factory.Get<QuestionEditor>());
        (await questions.SaveAsync(staff, service.Id, null, new(QuestionKind.ShortText, false, "Who referred you?", "", "", "", "", ""))).Should().BeEmpty();
        var id = (await factory.Get<QuestionBook>().ForServiceAsync(service.Id)).Single(q => q.TextEn == "Who referred you?").Id;
        var editor = context.Render<QuestionsEditor>(parameters => parameters.Add(e => e.ServiceId, service.Id));
        await editor.Find($"[data-testid=question-row-{id}]").QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Edit").ClickAsync(new());
        await questions.RemoveAsync(staff, service.Id, id);

        await editor.FindAll("button").First(b => b.TextContent.Contains("Save question")).ClickAsync(new());

        editor.WaitForAssertion(() => editor.Find("[data-testid=question-refusal]").TextContent.Should().Contain("This question was removed meanwhile."));
        editor.FindAll("button").Should().NotContain(b => b.TextContent.Trim() == "Cancel", "the form now adds a new question");
        editor.FindAll($"[data-testid=question-row-{id}]").Should().BeEmpty("the list is read again");
    }
}
