namespace BookingPortal.Tests.Integration.Instances;

/// <summary>
/// Two app instances (in this process, each with its own services, broadcaster and connection
/// pool) on one PostgreSQL database: what customers do on one reaches the waiting rooms and the
/// booking checks of the other, because each broadcaster reads the database on its own tick.
/// </summary>
[RequiresPostgres]
public sealed class SharedQueueAcrossInstancesTests : IAsyncLifetime
{
    /// <summary>The demo Dermatology Clinic opens Monday 2 March 2026 09:00 New York (14:00 UTC).</summary>
    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
    private readonly PortalFactory first = new() { Provider = DatabaseProvider.Postgres };
    private PortalFactory second = null!;

    public async Task InitializeAsync()
    {
        await first.StartWithoutScheduledJobsAsync();
        second = new PortalFactory { Provider = DatabaseProvider.Postgres, SharesDatabaseOf = first };
        await second.StartWithoutScheduledJobsAsync();
    }

    [Fact]
    public async Task Joins_and_admissions_made_on_one_instance_reach_the_waiting_rooms_and_the_bookings_of_both()
    {
        var clinic = await first.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customers = await first.CreateCustomersAsync(30);
        MoveBothClocks(Opening.AddMinutes(-10));
        var joins = new List<JoinResult>();
        foreach (var customer in customers)
        {
            joins.Add(await first.Get<QueueService>().JoinAsync(clinic.Id, customer, null));
        }

        var openingId = joins[0].Entry!.OpeningId;
        QueueSnapshot? seenByFirst = null, seenBySecond = null;
        // A broadcaster of each instance's services, without its timer. The instances' own, woken by the joins and the
        // tick, could finish a read begun before the tick after these calls and hand a subscriber the older queue.
        var (firstBroadcaster, secondBroadcaster) = (ActivatorUtilities.CreateInstance<QueueBroadcaster>(first.Services), ActivatorUtilities.CreateInstance<QueueBroadcaster>(second.Services));
        using var onFirst = firstBroadcaster.Subscribe(openingId, s => seenByFirst = s);
        using var onSecond = secondBroadcaster.Subscribe(openingId, s => seenBySecond = s);

        MoveBothClocks(Opening);
        (await first.Get<AdmissionController>().TickAllAsync()).Should().Be(20, "the demo release admits 20 a minute");
        await firstBroadcaster.BroadcastAsync();
        await secondBroadcaster.BroadcastAsync();

        seenBySecond.Should().NotBeNull();
        seenBySecond!.AdmittedEntryIds.Should().HaveCount(20).And.BeEquivalentTo(seenByFirst!.AdmittedEntryIds, "both instances read the same queue");
        seenBySecond.WaitingSequences.Should().Equal(seenByFirst.WaitingSequences).And.HaveCount(10);
        var admitted = joins.First(j => seenBySecond.AdmittedEntryIds.Contains(j.Entry!.Id)).Entry!;
        var waiting = joins.First(j => !seenBySecond.AdmittedEntryIds.Contains(j.Entry!.Id)).Entry!;
        var slot = (await second.BookableSlotsAsync(clinic))[0];

        var booked = await second.Get<BookingService>().ReserveAsync(new ReserveRequest(admitted.CustomerId!, clinic.Id, slot.StartUtc, "admitted-on-first"));
        var refused = await second.Get<BookingService>().ReserveAsync(new ReserveRequest(waiting.CustomerId!, clinic.Id, slot.StartUtc, "still-waiting"));

        booked.Succeeded.Should().BeTrue(booked.Message);
        refused.Succeeded.Should().BeFalse("a place still waiting on the first instance is waiting on the second too");
    }

    private void MoveBothClocks(DateTimeOffset to)
    {
        first.Clock.SetUtcNow(to);
        second.Clock.SetUtcNow(to);
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }
}
