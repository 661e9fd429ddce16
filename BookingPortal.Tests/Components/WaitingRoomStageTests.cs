using BookingPortal.Features.Queue.Components;

namespace BookingPortal.Tests.Components;

public class WaitingRoomStageTests : BookingComponentsTestContext
{
    private static readonly DateTime Now = new(2026, 3, 2, 13, 50, 0, DateTimeKind.Utc);
    private static readonly DateTime Opening = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);
    private static readonly Release Weekly = new() { Name = "weekly", AdmissionRatePerMinute = 20, AdmissionWindowSeconds = 300 };

    private static WaitingRoomState State(QueueStage stage, QueueEntry? entry = null, long? position = null, int? remaining = null) =>
        new(stage, 3, Weekly, 1, Opening, Opening, false, entry, position, position is { } p ? WaitEstimator.Estimate(p, remaining, Weekly, OpeningPace.NotStarted) : null, remaining);

    private IRenderedComponent<WaitingRoomStage> RenderStage(WaitingRoomState state) =>
        Render<WaitingRoomStage>(p => p.Add(x => x.State, state).Add(x => x.NowUtc, Now).Add(x => x.TimeZoneId, "America/New_York"));

    [Fact]
    public void Before_opening_it_counts_down_in_the_services_time_and_explains_the_random_draw()
    {
        var stage = RenderStage(State(QueueStage.NotOpenYet, remaining: 40));

        stage.Find("h2").TextContent.Should().Be("Booking opens in 10 min 0 s");
        stage.Find("[data-testid=opens-at]").TextContent.Should().Contain("Monday 2 March 2026, 9:00 AM New York time");
        stage.Markup.Should().Contain("random place among everyone who arrives before opening");
        stage.Find("button").TextContent.Should().Be("Join the waiting room");
        stage.Find("[data-testid=remaining-seats]").TextContent.Should().Be("40 seat(s) left");
    }

    [Fact]
    public void Before_a_release_limited_to_dates_opens_it_says_which_dates_it_sells()
    {
        var december = new Release { Name = "December", AdmissionRatePerMinute = 20, SlotsFrom = new DateOnly(2026, 12, 1), SlotsUntil = new DateOnly(2026, 12, 31) };
        var state = new WaitingRoomState(QueueStage.NotOpenYet, 3, december, 1, Opening, Opening, false, null, null, null, null);

        var withRange = RenderStage(state);
        var without = RenderStage(State(QueueStage.NotOpenYet));

        withRange.Find("[data-testid=release-dates]").TextContent.Should().Be("This release sells times from Tuesday 1 December 2026 to Thursday 31 December 2026.");
        without.FindAll("[data-testid=release-dates]").Should().BeEmpty();
    }

    [Fact]
    public void Waiting_shows_the_place_the_people_ahead_and_the_wait_and_announces_only_the_band_politely()
    {
        var entry = new QueueEntry { CustomerId = "c", Status = QueueEntryStatus.Waiting, Sequence = 61 };

        var stage = RenderStage(State(QueueStage.Waiting, entry, position: 41));

        stage.Find("[aria-live=polite]").TextContent.Should().Be("Fewer than 50 people ahead of you.");
        stage.Find("[data-testid=queue-position]").TextContent.Should().Contain("Your place: 41").And.Contain("40 ahead of you");
        stage.Find("[data-testid=wait-estimate]").TextContent.Should().Be("Expected wait: about 5–15 minutes.");
        stage.Find("[data-testid=wait-estimate]").GetAttribute("aria-live").Should().Be("polite");
        stage.FindAll("[data-testid=seat-chance]").Should().BeEmpty("nobody counts the seats here");
        stage.Find("button").TextContent.Should().Be("Leave the line");
    }

    [Fact]
    public void A_place_beyond_where_the_seats_usually_last_offers_the_waitlist_and_the_next_release()
    {
        var mondays = new Release { Name = "mondays", RecurringDays = DaysOfWeekMask.Monday, RecurringLocalTime = new TimeOnly(9, 0) };
        var entry = new QueueEntry { CustomerId = "c", Status = QueueEntryStatus.Waiting, Sequence = 212 };
        var state = new WaitingRoomState(QueueStage.Waiting, 3, mondays, 1, Opening, Opening, false, entry, 212,
            WaitEstimator.Estimate(212, 96, mondays, new OpeningPace(40, 3, 10, 24, 6, false)), 96);

        var stage = RenderStage(state);

        stage.Find("[data-testid=seat-chance]").TextContent.Should().Contain("Seats usually last to about place 110 — you are number 212 in line");
        stage.Find("[data-testid=to-waitlist]").GetAttribute("href").Should().Be("http://localhost/#waitlist", "the offer is in the room itself: My appointments joins no waitlist");
        stage.Find("[data-testid=to-next-release]").TextContent.Should().Contain("Monday 9 March 2026, 9:00 AM New York time (America/New_York)");
    }

    [Fact]
    public void After_opening_someone_not_yet_in_line_is_offered_to_join_it()
    {
        var stage = Render<WaitingRoomStage>(p => p.Add(x => x.State, State(QueueStage.Waiting)).Add(x => x.NowUtc, Opening.AddMinutes(5)).Add(x => x.SignedIn, false));

        stage.Find("h2").TextContent.Should().Be("Booking is open");
        stage.Markup.Should().Contain("You can wait without an account");
        stage.Find("button").TextContent.Should().Be("Join the line");
        stage.FindAll("[data-testid=queue-position]").Should().BeEmpty();
    }

    [Fact]
    public void An_expired_turn_offers_to_join_again_and_a_sold_out_release_points_to_the_waitlist()
    {
        var expired = RenderStage(State(QueueStage.Expired));
        var soldOut = RenderStage(State(QueueStage.SoldOut));

        expired.Find("[data-testid=expired]").TextContent.Should().Contain("Your time to book ran out");
        expired.Find("button").TextContent.Should().Be("Join again");
        soldOut.Find("[data-testid=sold-out]").TextContent.Should().Contain("held for someone paying").And.Contain("join it for a day below, no turn needed");
        soldOut.Find("button").TextContent.Should().Be("Join the line", "a seat back on sale with nobody waiting for it is booked in turn");
    }

    /// <summary>Someone who pressed "Leave the line" never had a turn: they are told they left, not that they used it.</summary>
    [Fact]
    public void Leaving_the_line_is_told_as_leaving_and_a_booked_turn_as_used_in_either_language()
    {
        var left = RenderStage(State(QueueStage.Finished, new QueueEntry { CustomerId = "c", Status = QueueEntryStatus.Left }));
        var booked = RenderStage(State(QueueStage.Finished, new QueueEntry { CustomerId = "c", Status = QueueEntryStatus.Completed }));
        string leftInSpanish;
        using (Localization.InCulture("es-ES"))
        {
            leftInSpanish = RenderStage(State(QueueStage.Finished, new QueueEntry { CustomerId = "c", Status = QueueEntryStatus.Left })).Find("[data-testid=finished]").TextContent;
        }

        left.Find("[data-testid=finished]").TextContent.Should().Be("You left the line. Join again to get a new place at the back of the line.");
        left.Find("button").TextContent.Should().Be("Join again");
        booked.Find("[data-testid=finished]").TextContent.Should().Be("You've used your turn. To book another time, join the line again.");
        leftInSpanish.Should().StartWith("Ha salido de la fila.");
    }

    [Fact]
    public void Its_plain_buttons_call_the_room_back_and_are_disabled_while_it_is_busy()
    {
        var joins = 0;
        var stage = Render<WaitingRoomStage>(p => p.Add(x => x.State, State(QueueStage.Waiting)).Add(x => x.NowUtc, Opening.AddMinutes(5))
            .Add(x => x.Join, () => joins++));

        stage.Find("button").Click();
        var busy = Render<WaitingRoomStage>(p => p.Add(x => x.State, State(QueueStage.Waiting)).Add(x => x.NowUtc, Opening.AddMinutes(5)).Add(x => x.Busy, true));

        joins.Should().Be(1);
        stage.Find("button").HasAttribute("disabled").Should().BeFalse();
        busy.Find("button").HasAttribute("disabled").Should().BeTrue();
    }

    [Theory]
    [InlineData(600, "10:00", "mud-alert-text-success")]
    [InlineData(61, "1:01", "mud-alert-text-success")]
    [InlineData(59, "0:59", "mud-alert-text-warning")]
    [InlineData(0, "no time", "mud-alert-text-warning")]
    public void An_admitted_customer_sees_the_time_left_to_book_and_the_last_minute_stands_out(int secondsLeft, string shown, string alertClass)
    {
        var banner = Render<AdmittedBanner>(p => p.Add(x => x.UntilUtc, Now.AddSeconds(secondsLeft)).Add(x => x.NowUtc, Now));

        var alert = banner.Find("[data-testid=admitted]");
        alert.TextContent.Should().Contain($"you have {shown} to book");
        alert.ClassList.Should().Contain(alertClass);
    }
}
