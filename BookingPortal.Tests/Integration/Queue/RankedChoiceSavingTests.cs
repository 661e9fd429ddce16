namespace BookingPortal.Tests.Integration.Queue;

/// <summary>What saving ranked choices tells the customer: saved only when they are, and not waiting once the turn used them.</summary>
public class RankedChoiceSavingTests : WeeklyReleaseSuite
{
    [Fact]
    public async Task Long_answers_in_any_script_are_saved_whole()
    {
        var questionIds = new List<int>();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            for (var n = 1; n <= 3; n++)
            {
                var question = new BookingQuestion { ServiceId = clinic.Id, Kind = QuestionKind.LongText, Required = true, TextEn = $"Tell us more ({n})" };
                db.BookingQuestions.Add(question);
                await db.SaveChangesAsync();
                questionIds.Add(question.Id);
            }
        }

        // Each at the longest an answer may be; JSON writes each of these letters as six characters.
        var answers = questionIds.ToDictionary(id => id, id => (IReadOnlyList<string>)[new string('ж', BookingAnswer.MaxValueLength)]);
        var (entry, customer, slot) = await WaitingWithAChoiceAsync();
        var book = factory.Get<RankedChoiceBook>();

        (await book.SaveAsync(entry, customer, [slot], new AnswersGiven(answers, "es"))).Saved.Should().BeTrue();

        var saved = await book.SavedAsync(entry, customer);
        saved.Should().NotBeNull("what the customer was told is saved must be there at their turn");
        saved!.AnswerValues.Should().BeEquivalentTo(answers);
    }

    [Fact]
    public async Task A_save_that_lands_after_the_turn_used_the_choices_says_the_customer_no_longer_waits()
    {
        var (entry, customer, slot) = await WaitingWithAChoiceAsync();
        var book = factory.Get<RankedChoiceBook>();
        (await book.SaveAsync(entry, customer, [slot], AnswersGiven.None)).Saved.Should().BeTrue();
        var later = (await book.OptionsAsync(clinic.Id)).First(s => s.StartUtc > slot).StartUtc;
        // The turn comes between the save's checks and its transaction, and books the choice saved before.
        factory.Transactions.BeforeNext(async () =>
        {
            factory.Clock.SetUtcNow(Opening);
            await factory.Get<AdmissionController>().TickAllAsync();
        });

        var result = await book.SaveAsync(entry, customer, [later], AnswersGiven.None);

        factory.Transactions.Fired.Should().Be(1);
        result.Saved.Should().BeFalse("the turn used the choices saved before");
        result.NotWaiting.Should().BeTrue();
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, customer)).RankedOutcome!.Outcome.Should().Be(RankedOutcome.Booked);
    }

    /// <summary>A customer in the queue half an hour before the opening, and a time they may rank.</summary>
    private async Task<(long Entry, string Customer, DateTime Slot)> WaitingWithAChoiceAsync()
    {
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var entry = (await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null)).Entry!.Id;
        var slot = (await factory.Get<RankedChoiceBook>().OptionsAsync(clinic.Id)).First(s => s.StartUtc > Opening.UtcDateTime.AddHours(25)).StartUtc;
        return (entry, customer, slot);
    }
}

/// <summary>The same on PostgreSQL, which holds a text column to its declared length.</summary>
public class RankedChoiceSavingOnPostgresTests : RankedChoiceSavingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
