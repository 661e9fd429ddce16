using BookingPortal.Features.Admin.Pages;

namespace BookingPortal.Tests.Components.Admin;

/// <summary>
/// The staff appointment page draws the answers to the booking questions with the rest of the appointment, and only
/// from the read it began last. The answers read through a database the test holds, as a server database answers
/// after a render (SQLite answers before it).
/// </summary>
public sealed class AppointmentDetailAnswersTests() : StaffPageSuite(
    typeof(AppointmentsService), typeof(FrontDeskService), typeof(CancellationService), typeof(TimeProvider), typeof(BookingPortal.Features.Approval.BookingApprovals))
{
    private StaffRoleDatabase answersDatabase = default!;

    protected override void AddServices()
    {
        answersDatabase = new StaffRoleDatabase(factory.DbFactory);
        context.Services.AddSingleton(new QuestionBook(answersDatabase));
    }

    /// <summary>
    /// The answers are read with the appointment, not by their list once the page has drawn it: they do not pop in and
    /// push the buttons below them (check in, cancel) down under a tap.
    /// </summary>
    [Fact]
    public async Task The_appointment_is_not_drawn_before_its_answers()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            db.BookingAnswers.Add(new BookingAnswer { BookingId = booking.Id, Kind = QuestionKind.ShortText, Language = "en", QuestionText = "Who referred you?", Value = "Dr Lee" });
            await db.SaveChangesAsync();
        }

        answersDatabase.Hold();
        var page = context.Render<AppointmentDetailPage>(p => p.Add(x => x.Number, booking.ConfirmationNumber));
        var drawnWithoutAnswers = 0;
        void Look()
        {
            if (page.FindAll("[data-testid=appointment-status]").Count > 0 && page.FindAll("[data-testid=booking-answers]").Count == 0)
            {
                Interlocked.Increment(ref drawnWithoutAnswers);
            }
        }

        page.OnMarkupUpdated += (_, _) => Look();
        Look();
        await answersDatabase.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        answersDatabase.Release();

        page.WaitForAssertion(() => page.Find("[data-testid=booking-answers]").TextContent.Should().Contain("Who referred you?").And.Contain("Dr Lee"));
        page.Find("[data-testid=appointment-status]");
        Volatile.Read(ref drawnWithoutAnswers).Should().Be(0, "the appointment is drawn with its answers, not before them");
    }

    /// <summary>
    /// A desk action's reload of the appointment shown (a check-in pressed) still reading when a link opens the next
    /// appointment in the same page ends after the next one's read: it does not put the first appointment back.
    /// </summary>
    [Fact]
    public async Task An_actions_reload_that_ends_after_the_next_appointments_read_does_not_put_the_first_back()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var first = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var second = await factory.BookAsNewCustomerAsync(service.Id, slots[1].StartUtc);
        var page = context.Render<AppointmentDetailPage>(p => p.Add(x => x.Number, first.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("h1").TextContent.Should().Contain(first.ConfirmationNumber));

        answersDatabase.Hold();
        var pressed = page.FindAll("button").Single(b => b.TextContent.Trim() == "Check in").ClickAsync(new());
        await answersDatabase.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var endFirstsReload = answersDatabase.PassLaterOnes();
        page.Render(p => p.Add(x => x.Number, second.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("h1").TextContent.Should().Contain(second.ConfirmationNumber));
        endFirstsReload();
        await pressed.WaitAsync(TimeSpan.FromSeconds(30));

        page.Find("h1").TextContent.Should().Contain(second.ConfirmationNumber, "the first appointment's reload was overtaken by the second's read");
    }
}
