namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// The broadcaster hands a waiting room each new state of its queue once: a quiet queue costs the
/// circuits nothing, and a room that starts watching after the last change still gets the current state.
/// </summary>
public sealed class QueueBroadcasterTests : IAsyncLifetime
{
    private readonly PortalFactory factory = new();

    public async Task InitializeAsync() => await factory.StartWithoutScheduledJobsAsync();

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task An_unchanged_queue_is_not_handed_again_but_a_new_watcher_and_a_change_are()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customers = await factory.CreateCustomersAsync(4);
        var openingId = await factory.JoinEarlyThenOpenAsync(clinic.Id, customers.Take(3), early: TimeSpan.FromMinutes(1));
        // A broadcaster of its own: the portal's, woken by the joins and the tick, would race these calls.
        var broadcaster = ActivatorUtilities.CreateInstance<QueueBroadcaster>(factory.Services);
        var (early, late) = (new List<QueueSnapshot>(), new List<QueueSnapshot>());
        using var watchingEarly = broadcaster.Subscribe(openingId, s => { lock (early) { early.Add(s); } });

        await broadcaster.BroadcastAsync();
        await broadcaster.BroadcastAsync();
        Count(early).Should().Be(1, "the second read found the same queue");

        using var watchingLate = broadcaster.Subscribe(openingId, s => { lock (late) { late.Add(s); } });
        await broadcaster.BroadcastAsync();
        Count(late).Should().Be(1, "a room that starts watching gets the current queue even though it has not changed");
        Count(early).Should().Be(1);

        // A latecomer is numbered, and let in, by the next admission tick.
        await factory.Get<QueueService>().JoinAsync(clinic.Id, customers[3], null);
        await factory.Get<AdmissionController>().TickAllAsync();
        await broadcaster.BroadcastAsync();
        Count(early).Should().Be(2, "a fourth customer in line is a change");
        Count(late).Should().Be(2);
        Live(Last(early)).Should().Be(4);
    }

    [Fact]
    public async Task A_poll_reads_in_full_only_what_changed_elsewhere_and_catches_up_a_new_watcher_without_a_read()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var openingId = await factory.JoinEarlyThenOpenAsync(clinic.Id, await factory.CreateCustomersAsync(8), early: TimeSpan.FromMinutes(1));
        // A broadcaster of its own, without the portal's timer: only this test's calls hand anything out.
        var broadcaster = ActivatorUtilities.CreateInstance<QueueBroadcaster>(factory.Services);
        var (early, late) = (new List<QueueSnapshot>(), new List<QueueSnapshot>());
        using var watchingEarly = broadcaster.Subscribe(openingId, s => { lock (early) { early.Add(s); } });
        await broadcaster.BroadcastAsync();
        await broadcaster.PollAsync([]);
        Count(early).Should().Be(1, "the fingerprint of the line has not moved");

        using var watchingLate = broadcaster.Subscribe(openingId, s => { lock (late) { late.Add(s); } });
        await broadcaster.PollAsync([]);
        Count(late).Should().Be(1, "a room that starts watching gets the current queue at the next poll");
        Last(late).Should().BeSameAs(Last(early), "the snapshot it already had, not a new read");

        // Another instance ends the first entry's turn or place: nothing here was told, the fingerprint moves.
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var first = await db.QueueEntries.Where(e => e.OpeningId == openingId && e.Sequence != null).OrderBy(e => e.Sequence).FirstAsync();
            first.Status = QueueEntryStatus.Left;
            await db.SaveChangesAsync();
        }

        var liveBefore = Live(Last(early));
        await broadcaster.PollAsync([]);
        Count(early).Should().Be(2);
        Count(late).Should().Be(2);
        Live(Last(early)).Should().Be(liveBefore - 1);
        await broadcaster.PollAsync([openingId]);
        Count(early).Should().Be(2, "an opening marked here is read in full, and an equal snapshot is still not handed again");
    }

    [Fact]
    public void A_mark_wakes_the_broadcaster_and_is_taken_once()
    {
        var changes = new QueueChangeNotifier();
        var waiting = changes.Changed;
        waiting.IsCompleted.Should().BeFalse();

        changes.NotifyChanged(7);
        changes.NotifyChanged(7);

        waiting.IsCompleted.Should().BeTrue("a queue changed on this instance wakes the broadcaster before its next poll");
        changes.TakeChanged().Should().Equal(7);
        changes.Changed.IsCompleted.Should().BeFalse("taking the marks renews the signal");
        changes.TakeChanged().Should().BeEmpty();
    }

    [Fact]
    public async Task A_change_is_handed_to_the_waiting_rooms_on_several_cores_at_once()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(WeeklyRelease.Opening.AddMinutes(-1));
        var openingId = (await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null)).Entry!.OpeningId;
        // A broadcaster of its own, without the portal's timer: only this test's broadcast hands anything out.
        var broadcaster = ActivatorUtilities.CreateInstance<QueueBroadcaster>(factory.Services);
        // A room's update runs on the thread that hands it the snapshot; two rooms meet at the barrier only if
        // they are handed it at the same time (one after another, the first would wait out the timeout alone).
        var rooms = Math.Min(2, Environment.ProcessorCount);
        using var together = new Barrier(rooms);
        var met = 0;
        var watching = Enumerable.Range(0, rooms).Select(_ => broadcaster.Subscribe(openingId, _ =>
        {
            if (together.SignalAndWait(TimeSpan.FromSeconds(20)))
            {
                Interlocked.Increment(ref met);
            }
        })).ToList();

        await broadcaster.BroadcastAsync();

        met.Should().Be(rooms);
        watching.ForEach(w => w.Dispose());
    }

    private static int Live(QueueSnapshot snapshot) => snapshot.AdmittedEntryIds.Count + snapshot.WaitingSequences.Length;

    private static int Count(List<QueueSnapshot> received)
    {
        lock (received)
        {
            return received.Count;
        }
    }

    private static QueueSnapshot Last(List<QueueSnapshot> received)
    {
        lock (received)
        {
            return received[^1];
        }
    }
}
