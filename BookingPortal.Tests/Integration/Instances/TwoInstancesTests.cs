namespace BookingPortal.Tests.Integration.Instances;

/// <summary>
/// Two real portal processes (the built portal, two ports) on one PostgreSQL database, as behind a
/// load balancer. The tests run in order on the same pair, as the last one kills an instance; none counts on
/// another's rows, so each also passes run alone.
/// </summary>
[TestCaseOrderer("BookingPortal.Tests.TestSupport.DeclarationOrderer", "BookingPortal.Tests")]
[RequiresPostgres]
[Collection(Collection)]
public class TwoInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    /// <summary>A name of its own, so that <see cref="TestSupport.LongestFirstOrderer"/> can start it early.</summary>
    public const string Collection = "Two instances";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Bookings_fired_at_both_instances_with_one_instances_cookie_never_overbook()
    {
        var slot = instances.NextSlot();
        var customers = await instances.CreateCustomersAsync(12);

        var answers = await Race.AllAtOnceAsync(customers.Select((c, i) => (Func<Task<HttpResponseMessage>>)(() =>
            // Signed in and given its form token by instance A; every other request goes to B.
            instances.PostBookingAsync(c, i % 2 == 0 ? instances.A : instances.B, instances.ServiceId, slot))));

        answers.Count(a => a.StatusCode == HttpStatusCode.Redirect).Should().Be(TwoInstances.SeatsPerSlot);
        answers.Where(a => a.StatusCode != HttpStatusCode.Redirect).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Conflict);
        await using var db = instances.OpenDatabase();
        var counter = await db.SlotInventories.SingleAsync(i => i.ServiceId == instances.ServiceId && i.StartUtc == slot);
        counter.Booked.Should().Be(TwoInstances.SeatsPerSlot);
        (await db.Bookings.CountAsync(b => b.SlotInventoryId == counter.Id)).Should().Be(TwoInstances.SeatsPerSlot);
    }

    [Fact]
    public async Task A_release_opens_once_in_the_cluster_and_its_admissions_are_honoured_by_both_instances()
    {
        var opening = await instances.WaitForOpeningAsync(Patience);
        var customers = await instances.CreateCustomersAsync(4);
        var outsider = (await instances.CreateCustomersAsync(1))[0];
        await instances.JoinQueueAsync(opening, customers);
        await instances.WaitUntilAsync(async db => await db.QueueEntries.CountAsync(e => e.OpeningId == opening && e.Status == QueueEntryStatus.Admitted) == customers.Count, Patience);

        var slot = instances.NextSlot();
        var booked = await Task.WhenAll(customers.Select((c, i) => instances.PostBookingAsync(c, i % 2 == 0 ? instances.A : instances.B, instances.ReleasedServiceId, i < TwoInstances.SeatsPerSlot ? slot : instances.NextSlot())));
        var refused = await instances.PostBookingAsync(outsider, instances.B, instances.ReleasedServiceId, instances.NextSlot());

        booked.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Redirect, "an admission made by either instance's tick is honoured by both");
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict, "without an admission nobody books a released service");
        (instances.A.Output + instances.B.Output).Split('\n').Count(line => line.Contains($"Release {instances.ReleaseId} opened", StringComparison.Ordinal))
            .Should().Be(1, "the clustered scheduler fires the opening on one instance only");
    }

    [Fact]
    public async Task Killing_the_instance_running_the_reminders_in_the_middle_of_a_release_loses_and_doubles_nothing()
    {
        var due = await instances.CreateRemindableBookingsAsync(200);
        var opening = await instances.WaitForOpeningAsync(Patience);
        var lateArrivals = await instances.CreateCustomersAsync(10);
        var crashCustomers = await instances.CreateCustomersAsync(10);
        var crashSlot = instances.NextSlot();
        await instances.TriggerJobAsync(ReminderJob.Key);
        var runner = await instances.WaitForInstanceRunningAsync(ReminderJob.Key.Name, "SELECT count(*) FROM \"BookingReminders\" WHERE \"MinutesBefore\" = 1440", Patience);

        // Everything during the crash goes to the survivor, sign-in included: the dying instance may be either one.
        var survivor = instances.Other(runner);
        var bookingsDuringTheCrash = Task.WhenAll(crashCustomers.Select(c => instances.PostBookingAsync(c, survivor, instances.ServiceId, crashSlot, signInOn: survivor)));
        runner.Kill();
        // Arrivals that join as it dies: only the survivor's admission ticks can let them in, whichever instance ran
        // them before. (Joined earlier, they had to outnumber a minute's admissions to be still waiting when the crash
        // came, up to a minute later, and the test then waited as long again for the last of them.)
        await instances.JoinQueueAsync(opening, lateArrivals);
        var survivorAnswers = await bookingsDuringTheCrash;

        await instances.WaitUntilAsync(async db => await db.BookingReminders.CountAsync(r => due.Contains(r.BookingId) && r.MinutesBefore == 1440) == due.Count, Patience);
        await using var check = instances.OpenDatabase();
        var reminders = await check.OutboxMessages.Where(m => m.BookingId != null && due.Contains(m.BookingId.Value) && m.Kind == NotificationKind.Reminder24h && m.Channel == NotificationChannel.Email)
            .GroupBy(m => m.BookingId).Select(g => g.Count()).ToListAsync();
        reminders.Should().HaveCount(due.Count, "every reminder was queued, by the survivor for those the dead instance never reached");
        reminders.Should().OnlyContain(count => count == 1, "none was queued twice");
        survivorAnswers.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Redirect || r.StatusCode == HttpStatusCode.Conflict);
        var counters = await check.SlotInventories.Where(i => i.ServiceId == instances.ServiceId).Select(i => new { i.Id, i.Booked }).ToListAsync();
        foreach (var counter in counters)
        {
            (await check.Bookings.CountAsync(b => b.SlotInventoryId == counter.Id && b.Status != BookingStatus.Cancelled)).Should().Be(counter.Booked, "no seat is lost or counted twice");
        }

        (await instances.Other(runner).ReadyAsync()).Should().BeTrue("the survivor stays ready");
        // Every late arrival is let in by the survivor's ticks. Counted among them only: whoever else this opening let in (the
        // second test's customers, when the class runs as a whole) is no part of this test.
        await instances.WaitUntilAsync(async db => await LateArrivals(db).CountAsync(e => e.Status == QueueEntryStatus.Admitted) == lateArrivals.Count, Patience);
        await using var queue = instances.OpenDatabase();
        (await LateArrivals(queue).Where(e => e.Sequence != null).Select(e => e.Sequence).Distinct().CountAsync()).Should().Be(lateArrivals.Count, "every arrival got one place of its own");
        (await queue.QueueEntries.Where(e => e.OpeningId == opening).Select(e => e.Sequence).ToListAsync()).Should().OnlyHaveUniqueItems("nobody shares a place, whenever they came");

        IQueryable<QueueEntry> LateArrivals(BookingDbContext db) =>
            db.QueueEntries.Where(e => e.OpeningId == opening && db.Users.Any(u => u.Id == e.CustomerId && lateArrivals.Contains(u.Email!)));
    }
}
