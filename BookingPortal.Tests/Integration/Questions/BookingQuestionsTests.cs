namespace BookingPortal.Tests.Integration.Questions;

/// <summary>Answers go in with the booking or not at all, and keep the question as it was asked.</summary>
public class BookingQuestionsTests : QuestionsSuite
{
    [Fact]
    public async Task A_booking_with_a_missing_answer_takes_no_seat_and_a_valid_one_stores_its_answers_with_it()
    {
        var slot = (await factory.BookableSlotsAsync(service))[0].StartUtc;

        var refused = await BookAsync(factory, service, slot, Answers("en", (referral, "  ")));
        var booked = await BookAsync(factory, service, slot, Answers("es", (referral, "Dra. Ruiz"), (terms, "yes")));

        refused.Error.Should().Be(BookingError.AnswersInvalid);
        refused.AnswerProblems.Should().Equal(new Dictionary<int, AnswerProblem> { [referral] = AnswerProblem.Required, [terms] = AnswerProblem.ConsentRequired });
        booked.Succeeded.Should().BeTrue(booked.Message);
        (await BookedSeatsAsync(factory, service.Id)).Should().Be(1, "the refused request took no seat");
        var stored = await factory.Get<QuestionBook>().AnswersAsync(booked.Booking!.Id);
        stored.Select(a => (a.QuestionText, a.Value, a.Language, a.QuestionVersion)).Should().Equal(
            ("¿Quién le derivó?", "Dra. Ruiz", "es", 1), ("Acepto las condiciones (2026).", BookingAnswer.Yes, "es", 1));
    }

    [Fact]
    public async Task Rewording_or_removing_a_question_later_never_changes_past_answers()
    {
        var slots = await factory.BookableSlotsAsync(service);
        var before = await BookAsync(factory, service, slots[0].StartUtc, Answers("en", (referral, "Dr. Ruiz"), (terms, "true")));

        var staff = await factory.StaffAsync();
        var editor = factory.Get<QuestionEditor>();
        (await editor.SaveAsync(staff, service.Id, terms, Terms with { TextEn = "I accept the terms (2027)." })).Should().BeEmpty();
        await editor.RemoveAsync(staff, service.Id, referral);
        var after = await BookAsync(factory, service, slots[1].StartUtc, Answers("en", (terms, "yes")));
        var stale = await BookAsync(factory, service, slots[2].StartUtc, Answers("en", (referral, "Dr. Ruiz"), (terms, "yes")));

        var book = factory.Get<QuestionBook>();
        (await book.AnswersAsync(before.Booking!.Id)).Select(a => a.QuestionText + " = " + a.ValueOnOneLine)
            .Should().Equal("Who referred you? = Dr. Ruiz", "I accept the terms (2026). = yes (v1)");
        (await book.AnswersAsync(after.Booking!.Id)).Select(a => a.QuestionText + " = " + a.ValueOnOneLine)
            .Should().Equal("I accept the terms (2027). = yes (v2)");
        stale.AnswerProblems.Should().Equal(new Dictionary<int, AnswerProblem> { [referral] = AnswerProblem.UnknownQuestion });
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.Where(e => e.Action.StartsWith("question.")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync())
            .Should().Equal("question.saved", "question.saved", "question.saved", "question.removed");
    }

    [Fact]
    public async Task The_last_question_two_staff_add_at_once_goes_in_once_and_a_change_to_a_removed_one_is_refused()
    {
        var (staff, editor) = (await factory.StaffAsync(), factory.Get<QuestionEditor>());
        for (var i = 2; i < QuestionEditor.MaxQuestionsPerService - 1; i++)
        {
            (await editor.SaveAsync(staff, service.Id, null, Referral with { TextEn = $"Question {i}" })).Should().BeEmpty();
        }

        for (var round = 0; round < 8; round++)
        {
            var (first, second) = await Race.BothAtOnceAsync(
                () => editor.SaveAsync(staff, service.Id, null, Referral with { TextEn = $"The last one ({round})" }),
                () => factory.Get<QuestionEditor>().SaveAsync(staff, service.Id, null, Referral with { TextEn = $"One too many ({round})" }));

            new[] { first, second }.Should().ContainSingle(p => p.Count == 0, $"round {round}: the 30th question goes in once")
                .And.ContainSingle(p => p.Count == 1 && p[QuestionEditor.WholeForm] == WordingProblem.TooManyQuestions);
            var last = (await factory.Get<QuestionBook>().ForServiceAsync(service.Id)).Single(q => q.TextEn.EndsWith($"({round})"));
            await editor.RemoveAsync(staff, service.Id, last.Id);
        }

        await editor.RemoveAsync(staff, service.Id, referral);
        var changedAfterRemoval = await editor.SaveAsync(staff, service.Id, referral, Referral with { TextEn = "Reworded" });

        changedAfterRemoval.Should().Equal(new Dictionary<string, WordingProblem> { [QuestionEditor.WholeForm] = WordingProblem.QuestionGone });
        var questions = await factory.Get<QuestionBook>().ForServiceAsync(service.Id);
        questions.Should().HaveCount(QuestionEditor.MaxQuestionsPerService - 2);
        questions.Select(q => q.Position).Should().OnlyHaveUniqueItems();
    }
}

/// <summary>Storing answers in the booking's transaction and keeping them as asked, on PostgreSQL.</summary>
public class BookingQuestionsOnPostgresTests : BookingQuestionsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
