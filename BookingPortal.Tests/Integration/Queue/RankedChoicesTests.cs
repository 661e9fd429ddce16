using BookingPortal.Tests.Integration.Practitioners;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>Saving ranked times and answers while waiting, and what admission makes of them (the race is in <see cref="RankedChoiceRaceTests"/>).</summary>
public class RankedChoicesTests : WeeklyReleaseSuite
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));
    }

    [Fact]
    public async Task Answers_saved_before_the_turn_end_on_the_booking_made_at_admission_with_its_deposit()
    {
        int questionId;
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var question = new BookingQuestion { ServiceId = clinic.Id, Kind = QuestionKind.ShortText, Required = true, TextEn = "Who referred you?" };
            db.BookingQuestions.Add(question);
            await db.Services.Where(s => s.Id == clinic.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RequireDeposit, true).SetProperty(x => x.DepositAmount, 30m));
            await db.SaveChangesAsync();
            questionId = question.Id;
        }

        var customer = (await factory.CreateCustomersAsync(1))[0];
        var entry = (await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null)).Entry!.Id;
        var book = factory.Get<RankedChoiceBook>();
        var slot = (await book.OptionsAsync(clinic.Id)).First(s => s.StartUtc > Opening.UtcDateTime.AddHours(25)).StartUtc;

        var unanswered = await book.SaveAsync(entry, customer, [slot], AnswersGiven.None);
        var answered = await book.SaveAsync(entry, customer, [slot], new AnswersGiven(new Dictionary<int, IReadOnlyList<string>> { [questionId] = ["Dr Ruiz"] }, "en"));
        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();

        unanswered.Saved.Should().BeFalse();
        unanswered.AnswerProblems.Should().Equal(new Dictionary<int, AnswerProblem> { [questionId] = AnswerProblem.Required });
        answered.Saved.Should().BeTrue();
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        var booking = await check.Bookings.SingleAsync(b => b.CustomerId == customer);
        booking.StartUtc.Should().Be(slot);
        (await check.BookingAnswers.Where(a => a.BookingId == booking.Id).Select(a => a.Value).ToListAsync()).Should().Equal("Dr Ruiz");
        booking.DepositAmount.Should().Be(30m, "deposit rules as usual");
        (await check.LedgerEntries.CountAsync(l => l.BookingId == booking.Id && l.Kind == LedgerEntryKind.DepositDue)).Should().Be(1);
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, customer)).RankedOutcome!.BookedConfirmation.Should().Be(booking.ConfirmationNumber);
    }

    [Fact]
    public async Task Invalid_choices_are_refused_and_choices_all_taken_leave_the_customer_admitted_as_today()
    {
        var customers = await factory.CreateCustomersAsync(2);
        var (customer, stranger) = (customers[0], customers[1]);
        var entry = (await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null)).Entry!.Id;
        var book = factory.Get<RankedChoiceBook>();
        var options = (await book.OptionsAsync(clinic.Id)).Where(s => s.StartUtc > Opening.UtcDateTime.AddHours(25)).Select(s => s.StartUtc).ToList();

        var wrong = await book.SaveAsync(entry, customer, [options[0], options[0], options[0].AddMinutes(7), SlotSchedule.ForRange(clinic, new DateOnly(2026, 2, 23), new DateOnly(2026, 2, 27)).First().StartUtc, options[1], options[2]], AnswersGiven.None);
        var notTheirs = await book.SaveAsync(entry, stranger, [options[0]], AnswersGiven.None);
        (await book.SaveAsync(entry, customer, [options[0]], AnswersGiven.None)).Saved.Should().BeTrue();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.SlotInventories.Where(i => i.ServiceId == clinic.Id && i.StartUtc == options[0]).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Capacity));
        }

        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
        var afterTurn = await book.SaveAsync(entry, customer, [options[1]], AnswersGiven.None);

        wrong.Saved.Should().BeFalse();
        wrong.ChoiceProblems.Should().Equal(new Dictionary<int, RankedChoiceProblem>
        {
            [1] = RankedChoiceProblem.Duplicate, [2] = RankedChoiceProblem.NotASlot, [3] = RankedChoiceProblem.InThePast, [5] = RankedChoiceProblem.TooMany,
        });
        notTheirs.NotWaiting.Should().BeTrue("only the entry's own customer may rank its times");
        afterTurn.NotWaiting.Should().BeTrue("choices are kept only while waiting");
        var state = await factory.Get<QueueService>().GetStateAsync(clinic.Id, customer);
        state.Stage.Should().Be(QueueStage.Admitted, "without a free choice the turn is as today");
        state.RankedOutcome!.Outcome.Should().Be(RankedOutcome.Taken);
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        (await check.Bookings.AnyAsync(b => b.CustomerId == customer)).Should().BeFalse();
    }

    [Fact]
    public async Task On_a_service_that_books_practitioners_each_choice_means_any_available_and_a_time_without_one_is_passed_over()
    {
        // Two seats at 10:00 but one practitioner: the second customer is moved on to 14:00, which is not full.
        var (services, practitioners) = await PractitionerSetup.AddAsync(
            factory, [PractitionerSetup.Service("Ranked with practitioners", 30, 2)], s => [PractitionerSetup.WorkingEveryDay("Dr Solo", s)]);
        var service = services[0];
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            db.Releases.Add(new Release { ServiceId = service.Id, Name = "One-off", OpensAtUtc = Opening.UtcDateTime, MaxConcurrentAdmissions = 10, AdmissionRatePerMinute = 60 });
            await db.SaveChangesAsync();
        }

        var (morning, afternoon) = (PractitionerSetup.SlotStart(factory, service), PractitionerSetup.SlotStart(factory, service, afternoon: true));
        var customers = await factory.CreateCustomersAsync(2);
        foreach (var customer in customers)
        {
            var entry = (await factory.Get<QueueService>().JoinAsync(service.Id, customer, null)).Entry!.Id;
            (await factory.Get<RankedChoiceBook>().SaveAsync(entry, customer, [morning, afternoon], AnswersGiven.None)).Saved.Should().BeTrue();
        }

        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();

        await using var check = await factory.DbFactory.CreateDbContextAsync();
        var booked = await check.Bookings.Where(b => b.ServiceId == service.Id).ToListAsync();
        booked.Select(b => b.StartUtc).Should().BeEquivalentTo([morning, afternoon]);
        booked.Should().OnlyContain(b => b.PractitionerId == practitioners[0].Id);
    }
}
