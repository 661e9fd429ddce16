using BookingPortal.Features.Queue.Components;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// The waiting room tells its page when the pickers appear and go, so only customers who can book load
/// and watch availability (not everyone still in line, at every booking). Rendered with the portal's services.
/// </summary>
public class WaitingRoomContentTests : LiveComponentSuite
{
    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_customer_in_line_is_shown_the_pickers_when_the_turn_comes_and_loses_them_when_it_lapses()
    {
        var shown = new List<bool>();
        var (clinic, customer, room) = await WaitingInLineAsync(shown);
        room.Render(p => p.Add(x => x.ServiceId, clinic.Id));
        var whileWaiting = shown.ToList();
        var heardWhileWaiting = Heard(room);
        await factory.Get<AdmissionController>().TickAllAsync();
        await factory.Get<QueueBroadcaster>().BroadcastAsync();
        room.WaitForAssertion(() => room.FindAll("[data-testid=admitted]").Should().ContainSingle());
        var admitted = shown.ToList();
        var heardAtTurn = Heard(room);
        var bannerAtTurn = room.Find("[data-testid=admitted]").TextContent;
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        room.WaitForAssertion(() => room.Find("[data-testid=admitted]").TextContent.Should().NotBe(bannerAtTurn, "the countdown moved"));
        var heardInTurn = Heard(room);
        factory.Clock.Advance(TimeSpan.FromHours(1));
        room.WaitForAssertion(() => room.FindAll("[data-testid=expired]").Should().ContainSingle());

        // A screen reader hears the room's one live region change when the turn comes and when it goes, not each second of it.
        heardWhileWaiting.Should().BeEmpty("the line's own region speaks while waiting");
        heardAtTurn.Should().Be("It's your turn to book now.");
        heardInTurn.Should().Be(heardAtTurn);
        Heard(room).Should().StartWith("Your time to book ran out.");

        whileWaiting.Should().BeEmpty("someone still waiting sees no pickers, so the page loads no availability");
        admitted.Should().Equal(true);
        shown.Should().Equal(true, false);
    }

    /// <summary>
    /// WCAG 2.4.3: what a keyboard user was on goes, so focus goes on from what replaced it: the banner when the turn comes
    /// ("Leave the line" is gone), "Join again" when it lapses (the pickers are gone). Waiting, the turn's countdown, and
    /// a page opened during the turn move nothing.
    /// </summary>
    [Fact]
    public async Task Focus_goes_to_the_banner_when_the_turn_comes_and_to_join_again_when_it_lapses_and_nowhere_else()
    {
        var (clinic, customer, room) = await WaitingInLineAsync([]);
        var focusedWhileWaiting = FocusedElements();

        await factory.Get<AdmissionController>().TickAllAsync();
        await factory.Get<QueueBroadcaster>().BroadcastAsync();
        room.WaitForAssertion(() => room.FindAll("[data-testid=admitted]").Should().ContainSingle());
        var banner = ElementReferenceOf(room, "admitted-message");
        var otherTab = Render(clinic.Id, customer, []);
        otherTab.WaitForAssertion(() => otherTab.FindAll("[data-testid=admitted]").Should().ContainSingle());
        var bannerAtTurn = room.Find("[data-testid=admitted]").TextContent;
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        room.WaitForAssertion(() => room.Find("[data-testid=admitted]").TextContent.Should().NotBe(bannerAtTurn, "the countdown moved"));
        var focusedInTurn = FocusedElements();
        room.Find("[data-testid=admitted-message]").GetAttribute("tabindex").Should().Be("-1", "a message takes focus only from the page");
        factory.Clock.Advance(TimeSpan.FromHours(1));
        room.WaitForAssertion(() => room.FindAll("[data-testid=expired]").Should().ContainSingle());
        otherTab.WaitForAssertion(() => otherTab.FindAll("[data-testid=expired]").Should().ContainSingle());

        focusedWhileWaiting.Should().BeEmpty("someone waiting may be reading or typing anywhere on the page");
        focusedInTurn.Should().Equal([banner], "once at the turn: not at each second of it, nor in the tab opened during it");
        FocusedElements().Skip(1).Should().BeEquivalentTo([ElementReferenceOf(room, "join-again"), ElementReferenceOf(otherTab, "join-again")],
            "both tabs showed the turn when it lapsed");
    }

    /// <summary>Pressing "Leave the line" swaps that button for "Join again": focus goes there, not to the page's body.</summary>
    [Fact]
    public async Task Leaving_the_line_moves_focus_to_join_again_and_a_page_opened_after_leaving_moves_none()
    {
        var (clinic, customer, room) = await WaitingInLineAsync([]);

        await room.FindAll("button").Single(b => b.TextContent == "Leave the line").ClickAsync(new());
        room.WaitForAssertion(() => room.FindAll("[data-testid=finished]").Should().ContainSingle());
        var focusedAfterLeaving = FocusedElements();
        var later = Render(clinic.Id, customer, []);
        later.WaitForAssertion(() => later.FindAll("[data-testid=finished]").Should().ContainSingle());

        focusedAfterLeaving.Should().Equal(ElementReferenceOf(room, "join-again-finished"));
        FocusedElements().Should().Equal(focusedAfterLeaving, "a page opened after leaving takes no focus");
    }

    /// <summary>A new customer who joined before the opening, their room rendered and showing their place once it opens.</summary>
    private async Task<(Service Clinic, string Customer, IRenderedComponent<WaitingRoom> Room)> WaitingInLineAsync(List<bool> shown)
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null);
        var room = Render(clinic.Id, customer, shown);
        factory.Clock.SetUtcNow(Opening);
        room.WaitForAssertion(() => room.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be("Waiting"));
        return (clinic, customer, room);
    }

    private List<string> FocusedElements() =>
        bunit.JSInterop.Invocations.Where(i => i.Identifier == "Blazor._internal.domWrapper.focus")
            .Select(i => i.Arguments[0].Should().BeOfType<Microsoft.AspNetCore.Components.ElementReference>().Subject.Id).ToList();

    private static string ElementReferenceOf(IRenderedComponent<WaitingRoom> room, string testId) =>
        room.Find($"[data-testid={testId}]").GetAttribute("blazor:elementReference") ?? throw new InvalidOperationException($"{testId} has no element reference.");

    private static string Heard(IRenderedComponent<WaitingRoom> room) =>
        room.Find("[data-testid=room-announcement]").TextContent;

    [Fact]
    public async Task Without_a_release_the_pickers_are_shown_at_once()
    {
        var consultation = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var shown = new List<bool>();

        var room = Render(consultation.Id, customer, shown);

        shown.Should().Equal(true);
        room.FindAll("[data-testid=room-announcement]").Should().BeEmpty("with no line there is nothing to announce");
    }

    [Fact]
    public async Task Tell_me_when_it_is_my_turn_ticked_before_joining_is_kept_on_the_place()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        var room = Render(clinic.Id, customer, []);

        room.WaitForAssertion(() => room.Find("[data-testid=turn-message-choice]").TextContent.Should().Contain("@test.local"));
        room.FindAll("[data-testid=turn-by-sms]").Should().BeEmpty("the account takes no texts");
        await room.Find("[data-testid=turn-by-email]").ChangeAsync(new() { Value = true });
        await room.Find("[data-testid=waiting-room] button").ClickAsync(new());

        (await Poll.UntilAsync(async () =>
        {
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            return await db.QueueEntries.AnyAsync(e => e.CustomerId == customer && e.TurnMessageChannels == Domain.ReminderChannels.Email);
        }, TimeSpan.FromSeconds(10))).Should().BeTrue("the choice is stored as soon as the place exists");
    }

    [Fact]
    public async Task The_ranking_panel_is_drawn_by_the_room_until_opened_and_then_loads_the_times()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null);
        var room = Render(clinic.Id, customer, []);
        room.WaitForAssertion(() => room.FindAll("[data-testid=ranked-choices]").Should().ContainSingle());
        var panelsWhileClosed = room.FindComponents<RankedChoicesPanel>().Count;

        await room.Find("[data-testid=ranked-choices] button").ClickAsync(new());

        room.WaitForAssertion(() => room.FindAll("[data-testid=ranked-choice-0] option").Count.Should().BeGreaterThan(1, "the release's times are offered"));
        panelsWhileClosed.Should().Be(0, "thousands wait with the panel closed, and a component would cost each of them its render buffers");
        room.FindComponents<RankedChoicesPanel>().Should().ContainSingle();
        bunit.JSInterop.VerifyFocusAsyncInvoke().Arguments[0].Should().BeOfType<Microsoft.AspNetCore.Components.ElementReference>()
            .Which.Id.Should().Be(room.Find("[data-testid=ranked-choices-heading]").GetAttribute("blazor:elementReference"), "the button that opened it is gone: focus goes on from the panel");
    }

    /// <summary>
    /// Admission booked Ana's ranked time while she was away; she opens the book page again (another booking, a move, a new
    /// place in line). The note links to the booking; the page does not send her there, as it did on every visit.
    /// </summary>
    [Fact]
    public async Task A_booking_made_of_ranked_times_before_the_customer_came_back_is_noted_and_the_page_stays()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        var entry = (await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null)).Entry!.Id;
        var book = factory.Get<RankedChoiceBook>();
        var slot = (await book.OptionsAsync(clinic.Id)).First(s => s.StartUtc > Opening.UtcDateTime.AddHours(25)).StartUtc;
        (await book.SaveAsync(entry, customer, [slot], AnswersGiven.None)).Saved.Should().BeTrue();
        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
        var navigation = bunit.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var before = navigation.Uri;

        var room = Render(clinic.Id, customer, []);

        room.WaitForAssertion(() => room.FindAll("[data-testid=ranked-booked]").Should().ContainSingle());
        room.Find("[data-testid=ranked-booked] a").GetAttribute("href").Should().StartWith("bookings/");
        room.Find("[data-testid=waiting-room]").GetAttribute("data-stage").Should().Be(nameof(QueueStage.Finished));
        navigation.Uri.Should().Be(before, "she came back to use the page, not to be sent to the booking again");
    }

    private IRenderedComponent<WaitingRoom> Render(int serviceId, string customerId, List<bool> shown) =>
        bunit.Render<WaitingRoom>(p => p
            .Add(x => x.ServiceId, serviceId)
            .Add(x => x.CustomerId, customerId)
            .Add(x => x.ContentShownChanged, (bool isShown) => shown.Add(isShown)));
}
