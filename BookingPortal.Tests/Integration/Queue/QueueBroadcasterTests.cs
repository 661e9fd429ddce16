namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// The broadcaster hands a waiting room each new state of its queue once: a quiet queue costs the
/// circuits nothing, and a room that starts watching after the last change still gets the current state.
/// </summary>
public sealed class QueueBroadcasterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
    private readonly PortalFactory factory = new();

    public async Task InitializeAsync() => await factory.StartWithoutScheduledJobsAsync();

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task An_unchanged_queue_is_not_handed_again_but_a_new_watcher_and_a_change_are()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customers = await factory.CreateCustomersAsync(4);
        factory.Clock.SetUtcNow(Opening.AddMinutes(-1));
        long openingId = 0;
        foreach (var customer in customers.Take(3))
        {
            openingId = (await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null)).Entry!.OpeningId;
        }

        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
        var broadcaster = factory.Get<QueueBroadcaster>();
        var (early, late) = (new List<QueueSnapshot>(), new List<QueueSnapshot>());
        using var watchingEarly = broadcaster.Subscribe(openingId, s => { lock (early) { early.Add(s); } });

        // The portal's own timer broadcasts too; it hands nothing more than these calls would.
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
        (Last(early).AdmittedEntryIds.Count + Last(early).WaitingSequences.Length).Should().Be(4);
    }

    [Fact]
    public async Task A_change_is_handed_to_the_waiting_rooms_on_several_cores_at_once()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-1));
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
