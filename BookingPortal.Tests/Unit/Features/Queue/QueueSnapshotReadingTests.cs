using BookingPortal.Features.Queue.Components;

namespace BookingPortal.Tests.Unit.Features.Queue;

/// <summary>
/// What a queue snapshot means for one waiting room when the seats left reach 0 or come back from it: in the
/// opening minutes pending-payment holds can take every seat for a while, and lapse back.
/// </summary>
public class QueueSnapshotReadingTests
{
    private static readonly DateTime Opening = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = Opening.AddMinutes(3);
    private static readonly QueueEntry InLine = new() { Id = 1, Status = QueueEntryStatus.Waiting, Sequence = 30 };

    [Fact]
    public void Seats_coming_back_to_a_sold_out_room_with_a_place_in_line_read_the_stage_again()
    {
        var soldOut = State(QueueStage.SoldOut, InLine, position: 3, remaining: 0);

        var (effect, _) = QueueSnapshotReading.Read(soldOut, Snapshot(remaining: 3), Now);

        effect.Should().Be(SnapshotEffect.Reload, "a SoldOut stage taken while holds filled every seat must not outlive them");
    }

    [Fact]
    public void Seats_coming_back_to_a_sold_out_room_without_a_place_read_the_stage_again()
    {
        var (effect, _) = QueueSnapshotReading.Read(State(QueueStage.SoldOut, null, null, remaining: 0), Snapshot(remaining: 3), Now);

        effect.Should().Be(SnapshotEffect.Reload, "nothing else moves someone without a place on until they reload the page");
    }

    [Fact]
    public void Seats_running_out_for_someone_not_yet_in_line_read_the_stage_again()
    {
        var (effect, _) = QueueSnapshotReading.Read(State(QueueStage.Waiting, null, null, remaining: 2), Snapshot(remaining: 0), Now);

        effect.Should().Be(SnapshotEffect.Reload);
    }

    [Fact]
    public void Seats_running_out_for_someone_in_line_keep_their_place_and_cost_no_query()
    {
        var waiting = State(QueueStage.Waiting, InLine, position: 3, remaining: 2);

        var (effect, state) = QueueSnapshotReading.Read(waiting, Snapshot(remaining: 0), Now);

        effect.Should().Be(SnapshotEffect.Render, "the seats may be held for a moment: the place stands, only the count is drawn again");
        (state!.Stage, state.Position, state.RemainingSeats).Should().Be((QueueStage.Waiting, 3L, 0));
    }

    [Fact]
    public void Seats_that_stay_above_zero_change_no_stage_for_someone_not_in_line()
    {
        var (effect, _) = QueueSnapshotReading.Read(State(QueueStage.Waiting, null, null, remaining: 5), Snapshot(remaining: 4), Now);

        effect.Should().Be(SnapshotEffect.None);
    }

    private static WaitingRoomState State(QueueStage stage, QueueEntry? entry, long? position, int remaining) =>
        new(stage, 7, new Release { Name = "Spring", AdmissionRatePerMinute = 20, AdmissionWindowSeconds = 300 }, OpeningId: 5, Opening, Opening,
            EarlyAccess: false, entry, position, null, remaining) { SeatsLeft = remaining };

    private static QueueSnapshot Snapshot(int remaining) => new(5, [10, 20, 30], new HashSet<long>(), remaining, Now);
}
