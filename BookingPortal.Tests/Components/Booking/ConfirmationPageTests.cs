using BookingPortal.Features.Booking.Pages;
using Microsoft.AspNetCore.Components.Infrastructure;

namespace BookingPortal.Tests.Components.Booking;

/// <summary>
/// The confirmation page over the portal's own services, signed in as a customer with two bookings, live as in a circuit.
/// Its role check and the answers read through <see cref="StaffRoleDatabase"/>, so a test can hold the page's reads as a
/// server database holds them past the first render (SQLite answers before it).
/// </summary>
public sealed class ConfirmationPageTests : LiveComponentSuite
{
    private BookingView first = null!;
    private BookingView second = null!;
    private StaffRoleDatabase database = null!;

    protected override async Task ArrangeAsync()
    {
        var (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        var customer = (await factory.CreateCustomersAsync(1))[0];
        first = await BookAsync(customer, service.Id, slots[0].StartUtc);
        second = await BookAsync(customer, service.Id, slots[1].StartUtc);
        database = new StaffRoleDatabase(factory.DbFactory);
        bunit.Services.AddSingleton(new StaffActors(database));
        bunit.Services.AddSingleton(new QuestionBook(database));
        bunit.Services.AddScoped<BookingPortal.Components.Shared.DocumentTitleTracker>();
        bunit.Services.AddSupplyValueFromPersistentComponentStateProvider();
        bunit.AddBunitPersistentComponentState();
        bunit.AddAuthorization().SetAuthorized("customer").SetRoles(Roles.Customer).SetClaims(new Claim(PortalClaims.UserIdType, customer));
    }

    /// <summary>
    /// The router keeps the page when it goes from one confirmation to another and sets only the number: the page then
    /// listens to the booking it shows (cancelled from another tab, say, it shows so without a reload), not to the one before.
    /// </summary>
    [Fact]
    public async Task Gone_on_to_another_confirmation_the_page_follows_that_booking_not_the_first()
    {
        var notifier = factory.Get<BookingChangeNotifier>();
        var page = bunit.Render<ConfirmationPage>(p => p.Add(x => x.ConfirmationNumber, first.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("[data-testid=confirmation-number]").TextContent.Should().Be(first.ConfirmationNumber));

        page.Render(p => p.Add(x => x.ConfirmationNumber, second.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("[data-testid=confirmation-number]").TextContent.Should().Be(second.ConfirmationNumber));
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(second.ConfirmationNumber, second.CustomerId, false))).Succeeded.Should().BeTrue();

        page.WaitForAssertion(() => page.Find("[role=status]").TextContent.Should().Contain("This booking was cancelled."));
        (notifier.SubscriberCount(first.Id), notifier.SubscriberCount(second.Id)).Should().Be((0, 1), "the first booking's changes are no longer this page's news");
        await bunit.DisposeComponentsAsync();
        notifier.SubscriberCount(second.Id).Should().Be(0, "a page gone listens to nothing");
    }

    /// <summary>The word a cancel leaves on the page is that booking's: another confirmation shown next does not say it.</summary>
    [Fact]
    public async Task The_cancel_notice_of_one_booking_is_not_shown_on_the_next_confirmation()
    {
        var dialogs = bunit.Render<MudBlazor.MudDialogProvider>();
        var page = bunit.Render<ConfirmationPage>(p => p.Add(x => x.ConfirmationNumber, first.ConfirmationNumber));
        page.WaitForAssertion(() => page.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Cancel booking"));
        var click = page.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel booking").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Cancel booking"));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel booking").ClickAsync(new());
        await click;
        var noticeOfFirst = page.Find("[role=status]").TextContent.Trim();

        page.Render(p => p.Add(x => x.ConfirmationNumber, second.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("[data-testid=confirmation-number]").TextContent.Should().Be(second.ConfirmationNumber));

        noticeOfFirst.Should().NotBe("Your appointment is booked.");
        page.Find("[role=status]").TextContent.Trim().Should().Be("Your appointment is booked.");
    }

    /// <summary>
    /// A booking held for its online deposit before the portal was switched to pay at reception (this portal's gateway): the
    /// status line above the pay panel agrees with it, saying the booking cannot be paid online and is held until the hold ends.
    /// </summary>
    [Fact]
    public async Task After_the_switch_to_reception_a_held_booking_s_status_line_agrees_with_its_pay_panel()
    {
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var holdEnds = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
            await db.Bookings.Where(b => b.Id == first.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.Status, BookingStatus.PendingPayment).SetProperty(x => x.ExpiresAtUtc, holdEnds));
        }

        var page = bunit.Render<ConfirmationPage>(p => p.Add(x => x.ConfirmationNumber, first.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("[data-testid=pay-at-reception]").TextContent.Should().Contain("can no longer be paid here"));

        page.FindAll("[role=status]")[0].TextContent.Trim().Should().Be("This booking can no longer be paid online. Its seat is held until its hold ends.");
        page.Markup.Should().NotContain("until the deposit is paid");
        using (TestSupport.Localization.InCulture("es-ES"))
        {
            page.Render();
            page.FindAll("[role=status]")[0].TextContent.Trim().Should().Be("Esta reserva ya no puede pagarse en línea. Su plaza está reservada hasta que venza el plazo.");
        }
    }

    /// <summary>
    /// The answers to the booking questions come into the circuit's first render with the rest of the page, read while
    /// prerendering: they do not pop in after it and push what is below them down under a first tap.
    /// </summary>
    [Fact]
    public async Task The_answers_are_in_the_circuits_first_render_with_the_rest_of_the_page()
    {
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            db.BookingAnswers.Add(new BookingAnswer { BookingId = first.Id, Kind = QuestionKind.ShortText, Language = "en", QuestionText = "Who referred you?", Value = "Dr Lee" });
            await db.SaveChangesAsync();
        }

        var prerendered = bunit.Render<ConfirmationPage>(p => p.Add(x => x.ConfirmationNumber, first.ConfirmationNumber));
        prerendered.WaitForAssertion(() => prerendered.Find("[data-testid=booking-answers]").TextContent.Should().Contain("Dr Lee"));
        await bunit.CarryIntoTheCircuitAsync();

        database.Hold();
        var page = bunit.Render<ConfirmationPage>(p => p.Add(x => x.ConfirmationNumber, first.ConfirmationNumber));

        page.FindAll(".mud-skeleton").Should().BeEmpty("the booking came with the prerender");
        page.FindAll("[data-testid=booking-answers]").Should().ContainSingle("the answers came with it too")
            .Which.TextContent.Should().Contain("Who referred you?").And.Contain("Dr Lee");
        database.Release();
    }

    /// <summary>
    /// A reload of the booking shown before (its change heard, a move say, just as the router sets the next number) that
    /// ends after the next booking's read does not put the old booking back on the page, nor make the page follow it.
    /// </summary>
    [Fact]
    public async Task A_reload_of_the_booking_shown_before_that_ends_last_does_not_overwrite_the_one_shown_now()
    {
        var notifier = factory.Get<BookingChangeNotifier>();
        var page = bunit.Render<ConfirmationPage>(p => p.Add(x => x.ConfirmationNumber, first.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("[data-testid=confirmation-number]").TextContent.Should().Be(first.ConfirmationNumber));
        var endFirstsReload = await HoldAReloadOfTheFirstAsync(notifier);

        page.Render(p => p.Add(x => x.ConfirmationNumber, second.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("[data-testid=confirmation-number]").TextContent.Should().Be(second.ConfirmationNumber));
        await EndAndWaitForItsRenderAsync(page, endFirstsReload);

        page.Find("[data-testid=confirmation-number]").TextContent.Should().Be(second.ConfirmationNumber, "the first booking's read was overtaken");
        (notifier.SubscriberCount(first.Id), notifier.SubscriberCount(second.Id)).Should().Be((0, 1), "the page follows what it shows");
    }

    /// <summary>
    /// A number that is no booking of this customer's follows nothing (<see cref="FollowedBooking.Follow"/> given none): the
    /// booking shown before is no longer listened to, and a reload of it still under way does not bring it back.
    /// </summary>
    [Fact]
    public async Task A_number_that_is_no_booking_follows_nothing_and_the_booking_before_does_not_come_back()
    {
        var notifier = factory.Get<BookingChangeNotifier>();
        var page = bunit.Render<ConfirmationPage>(p => p.Add(x => x.ConfirmationNumber, first.ConfirmationNumber));
        page.WaitForAssertion(() => page.Find("[data-testid=confirmation-number]").TextContent.Should().Be(first.ConfirmationNumber));
        var endFirstsReload = await HoldAReloadOfTheFirstAsync(notifier);

        page.Render(p => p.Add(x => x.ConfirmationNumber, "ASMT-NOT-A-BOOKING"));
        page.WaitForAssertion(() => page.FindAll("[data-testid=confirmation-number]").Should().BeEmpty());
        notifier.SubscriberCount(first.Id).Should().Be(0, "a page showing no booking listens to none");
        await EndAndWaitForItsRenderAsync(page, endFirstsReload);

        page.FindAll("[data-testid=confirmation-number]").Should().BeEmpty("the first booking's read was overtaken");
        page.FindAll(".mud-skeleton").Should().ContainSingle();
        notifier.SubscriberCount(first.Id).Should().Be(0, "nor does that read make the page listen to it again");
    }

    /// <summary>The first booking's change heard: the page reloads it and its read is held, after the booking's own.</summary>
    private async Task<Action> HoldAReloadOfTheFirstAsync(BookingChangeNotifier notifier)
    {
        database.Hold();
        notifier.NotifyChanged(first.Id);
        await database.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        return database.PassLaterOnes();
    }

    /// <summary>A held reload ends with the page's render, whether its booking is shown or not.</summary>
    private static async Task EndAndWaitForItsRenderAsync(IRenderedComponent<ConfirmationPage> page, Action endReload)
    {
        var renders = page.RenderCount;
        endReload();
        await page.WaitForStateAsync(() => page.RenderCount > renders);
    }

    private async Task<BookingView> BookAsync(string customer, int serviceId, DateTime startUtc)
    {
        var result = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, serviceId, startUtc, Guid.NewGuid().ToString()));
        result.Succeeded.Should().BeTrue(result.Message);
        return result.Booking!;
    }
}
