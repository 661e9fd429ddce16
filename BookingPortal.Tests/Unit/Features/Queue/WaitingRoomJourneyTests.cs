using BookingPortal.Features.Queue.Components;

namespace BookingPortal.Tests.Unit.Features.Queue;

/// <summary>The waiting room's states and transitions, without a renderer: the queue, the snapshots and the page are stand-ins.</summary>
public class WaitingRoomJourneyTests
{
    private const int ServiceId = 7;
    private static readonly DateTime Opening = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly QueueMember Ana = QueueMember.Customer("ana");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(Opening.AddMinutes(5)));
    private readonly StandInQueue queue = new();
    private readonly StandInSnapshots snapshots = new();
    private readonly StandInHost host = new();

    private WaitingRoomJourney Journey() => new(queue, snapshots, clock, NullLogger.Instance, host);

    /// <summary>Ana's journey, shown the service while the queue answers with the given state.</summary>
    private async Task<WaitingRoomJourney> AnasJourneyAsync(WaitingRoomState state)
    {
        queue.State = state;
        var journey = Journey();
        await journey.SetTargetAsync(ServiceId, Ana, bypass: false);
        return journey;
    }

    [Fact]
    public async Task A_join_that_throws_leaves_the_buttons_usable_and_the_next_click_joins()
    {
        var journey = await AnasJourneyAsync(Waiting(entry: null));
        queue.JoinFails = new InvalidOperationException("database is locked");

        var failed = () => journey.JoinAsync(null);

        await failed.Should().ThrowAsync<InvalidOperationException>();
        journey.Busy.Should().BeFalse("a failed join must not leave the button disabled");

        queue.JoinFails = null;
        queue.State = Waiting(new QueueEntry { Id = 1, Status = QueueEntryStatus.Waiting, Sequence = 3 }, position: 3);
        await journey.JoinAsync(null);

        queue.Joins.Should().Be(2, "the button worked again");
        journey.State!.Position.Should().Be(3);
    }

    [Fact]
    public async Task A_leave_that_throws_leaves_the_buttons_usable()
    {
        var journey = await AnasJourneyAsync(Waiting(new QueueEntry { Id = 1, Status = QueueEntryStatus.Waiting, Sequence = 3 }, position: 3));
        queue.LeaveFails = new TimeoutException();

        var failed = () => journey.LeaveAsync();

        await failed.Should().ThrowAsync<TimeoutException>();
        journey.Busy.Should().BeFalse();
    }

    [Fact]
    public async Task A_second_click_while_a_join_is_on_its_way_is_ignored()
    {
        var journey = await AnasJourneyAsync(Waiting(entry: null));
        var answer = new TaskCompletionSource<JoinResult>();
        queue.NextJoin = answer.Task;

        var first = journey.JoinAsync(null);
        var busyMeanwhile = journey.Busy;
        await journey.JoinAsync(null);
        answer.SetResult(new JoinResult(JoinOutcome.Joined, null));
        await first;

        busyMeanwhile.Should().BeTrue();
        queue.Joins.Should().Be(1);
        journey.Busy.Should().BeFalse();
    }

    [Fact]
    public async Task A_refused_join_is_kept_as_its_outcome_until_a_join_gives_a_place()
    {
        var journey = await AnasJourneyAsync(Waiting(entry: null));

        queue.NextJoin = Task.FromResult(new JoinResult(JoinOutcome.TooManyAttempts, null));
        await journey.JoinAsync("10.0.0.1");
        var refused = journey.Refusal;
        queue.NextJoin = Task.FromResult(new JoinResult(JoinOutcome.Joined, null));
        await journey.JoinAsync("10.0.0.1");

        refused.Should().Be(JoinOutcome.TooManyAttempts);
        journey.Refusal.Should().BeNull();
        queue.LastAddress.Should().Be("10.0.0.1");
    }

    [Fact]
    public async Task Without_a_release_the_content_shows_at_once_and_the_page_is_told_once()
    {
        queue.State = WaitingRoomState.Open(ServiceId);
        var journey = Journey();

        await journey.SetTargetAsync(ServiceId, Ana, bypass: false);
        await journey.SetTargetAsync(ServiceId, Ana, bypass: false);

        journey.View.Should().Be(WaitingRoomView.Content);
        host.ContentShown.Should().Equal(true);
        queue.Loads.Should().Be(1, "the same parameters again are no reason to ask the database");
    }

    [Fact]
    public async Task A_visitor_whose_turn_came_sees_the_turn_but_not_the_content()
    {
        var admitted = new QueueEntry { Id = 1, Status = QueueEntryStatus.Admitted, ExpiresAtUtc = clock.GetUtcNow().UtcDateTime.AddMinutes(5) };
        queue.State = Waiting(admitted) with { Stage = QueueStage.Admitted };
        var journey = Journey();

        await journey.SetTargetAsync(ServiceId, QueueMember.Of(null, "browser-key"), bypass: false);

        journey.View.Should().Be(WaitingRoomView.Turn);
        journey.ShowsContent.Should().BeFalse();
        host.ContentShown.Should().BeEmpty();
    }

    [Fact]
    public async Task Another_service_hides_the_content_before_reading_the_queue_again()
    {
        var journey = await AnasJourneyAsync(WaitingRoomState.Open(ServiceId));

        queue.State = Waiting(entry: null);
        await journey.SetTargetAsync(ServiceId + 1, Ana, bypass: false);

        host.ContentShown.Should().Equal(true, false);
        journey.View.Should().Be(WaitingRoomView.Stage);
        queue.LastServiceId.Should().Be(ServiceId + 1);
    }

    [Fact]
    public async Task A_snapshot_redraws_only_when_this_customers_place_moved_and_reloads_when_their_stage_changed()
    {
        host.IsInteractive = true;
        var entry = new QueueEntry { Id = 1, Status = QueueEntryStatus.Waiting, Sequence = 30 };
        var journey = await AnasJourneyAsync(Waiting(entry, position: 3));
        var loads = queue.Loads;

        await PushAsync(Snapshot(waiting: [10, 20, 30]));
        var afterSamePlace = host.Redraws;
        await PushAsync(Snapshot(waiting: [20, 30]));
        var afterMove = (host.Redraws, journey.State!.Position, queue.Loads);
        await PushAsync(Snapshot(waiting: [20]));

        afterSamePlace.Should().Be(0, "nothing this customer can see changed");
        afterMove.Should().Be((1, 2L, loads), "the place comes from the shared snapshot, not a query");
        queue.Loads.Should().Be(loads + 1, "leaving the line is this customer's own stage: read it again");
        host.Redraws.Should().Be(2);
        snapshots.Subscriptions.Should().Be(1, "one subscription per opening");
    }

    /// <summary>
    /// The booking admission made of Ana's ranked times is gone on to once, when it happens in front of her; one made before
    /// she came back (to book again, to move it, to join again) is only noted, or she could never use this page again.
    /// </summary>
    [Fact]
    public async Task A_ranked_booking_is_gone_on_to_only_when_admission_made_it_while_the_page_was_open()
    {
        host.IsInteractive = true;
        var entry = new QueueEntry { Id = 1, Status = QueueEntryStatus.Waiting, Sequence = 30 };
        var watching = await AnasJourneyAsync(Waiting(entry, position: 1));
        queue.State = BookedAtAdmission("7KQ4-M2ZD");
        await PushAsync(Snapshot(waiting: []));

        var cameBack = await AnasJourneyAsync(BookedAtAdmission("7KQ4-M2ZD"));

        watching.RankedBookingToGoTo.Should().Be("7KQ4-M2ZD", "her turn came while she watched");
        cameBack.RankedBookingToGoTo.Should().BeNull("she came back after it: the page is hers to use");
        cameBack.State!.RankedOutcome!.BookedConfirmation.Should().Be("7KQ4-M2ZD", "the note and its link still show");
    }

    [Fact]
    public async Task A_live_countdown_keeps_a_clock_that_redraws_each_second()
    {
        host.IsInteractive = true;
        var journey = await AnasJourneyAsync(Waiting(entry: null) with { Stage = QueueStage.NotOpenYet, MyOpeningAtUtc = Opening.AddHours(1) });

        clock.Advance(TimeSpan.FromSeconds(1));
        await host.Redrawn.Task.WaitAsync(TimeSpan.FromSeconds(30));
        journey.Close();

        host.Redraws.Should().BeGreaterThanOrEqualTo(1);
        journey.NowUtc.Should().Be(clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Prerendering_keeps_no_clock_and_watches_no_queue()
    {
        queue.State = Waiting(entry: null) with { Stage = QueueStage.NotOpenYet, MyOpeningAtUtc = Opening.AddHours(1) };
        var journey = Journey();

        await journey.SetTargetAsync(ServiceId, Ana, bypass: false);
        clock.Advance(TimeSpan.FromSeconds(3));

        snapshots.Subscriptions.Should().Be(0);
        host.Redraws.Should().Be(0);
    }

    [Fact]
    public async Task The_tick_that_crosses_the_opening_reads_the_queue_again_and_redraws()
    {
        var journey = await AnasJourneyAsync(Waiting(entry: null) with { Stage = QueueStage.NotOpenYet, MyOpeningAtUtc = clock.GetUtcNow().UtcDateTime.AddSeconds(1) });
        var loads = queue.Loads;

        await journey.TickAsync();
        var beforeOpening = (queue.Loads, host.Redraws);
        clock.Advance(TimeSpan.FromSeconds(1));
        queue.State = Waiting(entry: null);
        await journey.TickAsync();

        beforeOpening.Should().Be((loads, 1), "the countdown redraws every second");
        queue.Loads.Should().Be(loads + 1);
        journey.State!.Stage.Should().Be(QueueStage.Waiting);
        host.Redraws.Should().Be(2, "the page must not freeze on \"opens in…\" when the tick sees the opening first");
    }

    [Fact]
    public async Task A_room_closed_while_its_state_loads_takes_nothing_from_it()
    {
        host.IsInteractive = true;
        var load = new TaskCompletionSource<WaitingRoomState>();
        queue.NextLoad = load.Task;
        var journey = Journey();

        var loading = journey.SetTargetAsync(ServiceId, Ana, bypass: false);
        journey.Close();
        load.SetResult(Waiting(new QueueEntry { Id = 1, Status = QueueEntryStatus.Waiting, Sequence = 1 }, position: 1));
        await loading;

        journey.View.Should().Be(WaitingRoomView.Loading);
        snapshots.Subscriptions.Should().Be(0);
    }

    /// <summary>Hands a snapshot to the room and waits until it is done with it.</summary>
    private async Task PushAsync(QueueSnapshot snapshot)
    {
        snapshots.Push(snapshot);
        await host.Pending;
    }

    private static WaitingRoomState Waiting(QueueEntry? entry, long? position = null) =>
        new(QueueStage.Waiting, ServiceId, new Release { Name = "Spring" }, OpeningId: 5, Opening, Opening, EarlyAccess: false, entry, position, null, null);

    private static WaitingRoomState BookedAtAdmission(string number) =>
        Waiting(new QueueEntry { Id = 1, Status = QueueEntryStatus.Completed, Sequence = 30 }) with
        {
            Stage = QueueStage.Finished,
            RankedOutcome = new RankedChoiceSet { QueueEntryId = 1, Outcome = RankedOutcome.Booked, BookedConfirmation = number },
        };

    private static QueueSnapshot Snapshot(long[] waiting) => new(5, waiting, new HashSet<long>(), null, Opening);

    private sealed class StandInQueue : IWaitingRoomQueue
    {
        public WaitingRoomState State { get; set; } = WaitingRoomState.Open(ServiceId);
        public Task<WaitingRoomState>? NextLoad { get; set; }
        public Task<JoinResult>? NextJoin { get; set; }
        public Exception? JoinFails { get; set; }
        public Exception? LeaveFails { get; set; }
        public int Loads { get; private set; }
        public int Joins { get; private set; }
        public int LastServiceId { get; private set; }
        public string? LastAddress { get; private set; }

        public Task<WaitingRoomState> GetStateAsync(int serviceId, QueueMember member, QueueSnapshot? snapshot = null, CancellationToken cancellationToken = default)
        {
            (Loads, LastServiceId) = (Loads + 1, serviceId);
            var next = NextLoad ?? Task.FromResult(State);
            NextLoad = null;
            return next;
        }

        public Task<JoinResult> JoinAsync(int serviceId, QueueMember member, string? clientAddress, CancellationToken cancellationToken = default)
        {
            (Joins, LastAddress) = (Joins + 1, clientAddress);
            if (JoinFails is { } failure)
            {
                return Task.FromException<JoinResult>(failure);
            }

            var next = NextJoin ?? Task.FromResult(new JoinResult(JoinOutcome.Joined, null));
            NextJoin = null;
            return next;
        }

        public Task<bool> LeaveAsync(long entryId, QueueMember member, CancellationToken cancellationToken = default) =>
            LeaveFails is { } failure ? Task.FromException<bool>(failure) : Task.FromResult(true);
    }

    private sealed class StandInSnapshots : IQueueSnapshots
    {
        private Action<QueueSnapshot>? subscriber;

        public int Subscriptions { get; private set; }

        public IDisposable Subscribe(long openingId, Action<QueueSnapshot> onSnapshot)
        {
            Subscriptions++;
            subscriber = onSnapshot;
            return new Unsubscribe(() => subscriber = null);
        }

        public void Push(QueueSnapshot snapshot) => subscriber!(snapshot);

        private sealed class Unsubscribe(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }

    private sealed class StandInHost : IWaitingRoomHost
    {
        public bool IsInteractive { get; set; }
        public int Redraws { get; private set; }
        public List<bool> ContentShown { get; } = [];

        /// <summary>The last work handed to the page's dispatcher, to wait for what a snapshot or a tick set off.</summary>
        public Task Pending { get; private set; } = Task.CompletedTask;

        public TaskCompletionSource Redrawn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task InvokeAsync(Func<Task> work) => Pending = work();

        public void Redraw()
        {
            Redraws++;
            Redrawn.TrySetResult();
        }

        public Task ContentShownChangedAsync(bool shown)
        {
            ContentShown.Add(shown);
            return Task.CompletedTask;
        }
    }
}
