using System.Globalization;

namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>
/// A batch of reservations written together (group commit) must answer each request exactly as a
/// reservation made alone would: the same refusals in the same order, the seats given first come,
/// first served, and nothing written for a batch that fails.
/// </summary>
public abstract class ReservationBatchSuite() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task One_batch_answers_every_request_as_if_it_had_come_alone()
    {
        var (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        var (full, other, third) = (slots[0], slots[1], slots[2]);
        var customers = await factory.CreateCustomersAsync(10);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Services.Where(s => s.Id == service.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.MaxActiveBookingsPerCustomer, 1));
            await db.Users.Where(u => u.Id == customers[2]).ExecuteUpdateAsync(u => u.SetProperty(x => x.NoShowLimit, 1).SetProperty(x => x.NoShowCount, 1));
        }

        var bookings = factory.Get<BookingService>();
        var earlier = (await bookings.ReserveAsync(new ReserveRequest(customers[0], service.Id, other.StartUtc, "first-click"))).Booking!;
        (await bookings.ReserveAsync(new ReserveRequest(customers[1], service.Id, third.StartUtc, "already-booked"))).Succeeded.Should().BeTrue();

        var seatSeekers = customers.Skip(4).Select(c => new ReserveRequest(c, service.Id, full.StartUtc, $"seat-{c}")).ToList();
        ReserveRequest[] batch =
        [
            // The same request again (a key is bound to its slot: with another one it would be refused as reused).
            new(customers[0], service.Id, other.StartUtc, "first-click"),
            new(customers[1], service.Id, full.StartUtc, "over-the-limit"),
            new(customers[2], service.Id, full.StartUtc, "needs-help"),
            new("no-such-customer", service.Id, full.StartUtc, "unknown"),
            new(customers[3], service.Id, full.StartUtc.AddMinutes(7), "no-such-slot"),
            new(customers[3] + "-other", service.Id + 1000, full.StartUtc, "no-such-service"),
            .. seatSeekers,
        ];

        var results = await factory.Get<ReservationBatchWriter>().WriteAsync(batch, CancellationToken.None);

        results[0].Booking!.ConfirmationNumber.Should().Be(earlier.ConfirmationNumber, "a repeated request is answered with the booking it made");
        results.Skip(1).Take(5).Select(r => r.Error).Should().Equal(
            BookingError.LimitReached, BookingError.NeedsStaffHelp, BookingError.InvalidRequest, BookingError.SlotNotFound, BookingError.ServiceNotFound);
        var seatResults = results.Skip(6).ToList();
        seatResults.Take(5).Should().OnlyContain(r => r.Succeeded, "the slot's five seats go to the first five who asked");
        seatResults[5].Error.Should().Be(BookingError.SlotFull);
        seatResults.Take(5).Select(r => r.Booking!.CustomerId).Should().Equal(seatSeekers.Take(5).Select(r => r.CustomerId));

        await using var check = await factory.DbFactory.CreateDbContextAsync();
        var counter = await check.SlotInventories.SingleAsync(i => i.ServiceId == service.Id && i.StartUtc == full.StartUtc);
        counter.Booked.Should().Be(5);
        (await check.Bookings.CountAsync(b => b.SlotInventoryId == counter.Id)).Should().Be(5);
        var newIds = seatResults.Take(5).Select(r => r.Booking!.Id).ToList();
        (await check.OutboxMessages.CountAsync(m => m.BookingId != null && newIds.Contains(m.BookingId.Value) && m.Kind == NotificationKind.BookingConfirmation))
            .Should().Be(5, "each new booking's confirmation is in the outbox, committed with it");
        (await check.Bookings.CountAsync(b => b.CustomerId == customers[0])).Should().Be(1);
    }

    /// <summary>
    /// Every mix of the rules a request can meet (an unknown customer, a staff-help flag, a limit
    /// reached, a repeat of an earlier request; an open, a full or a missing slot): each request of
    /// one batch gets the answer a twin request (same facts, its own customer and slot) gets alone.
    /// </summary>
    [Fact]
    public async Task Every_mix_of_rules_is_answered_in_a_batch_as_it_is_alone()
    {
        var service = await factory.SimpleConsultationAsync();
        await using (var setup = await factory.DbFactory.CreateDbContextAsync())
        {
            await setup.Services.Where(s => s.Id == service.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.MaxActiveBookingsPerCustomer, 1));
        }

        var slots = new Queue<DateTime>((await factory.BookableSlotsAsync(service)).Select(s => s.StartUtc));
        var full = slots.Dequeue();
        for (var seat = 0; seat < 5; seat++)
        {
            await factory.BookAsNewCustomerAsync(service.Id, full);
        }

        var earlierSlot = slots.Dequeue();
        var earlierOnSlot = 0;
        var bookings = factory.Get<BookingService>();
        async Task<ReserveRequest> TwinAsync(bool known, bool needsHelp, string earlier, string slotKind)
        {
            var customer = known ? (await factory.CreateCustomersAsync(1))[0] : $"unknown-{Guid.NewGuid():N}";
            if (earlier != "none")
            {
                // Five seats a slot: move on before the earlier bookings fill one.
                earlierSlot = earlierOnSlot++ % 5 == 4 ? slots.Dequeue() : earlierSlot;
                (await bookings.ReserveAsync(new ReserveRequest(customer, service.Id, earlierSlot, "earlier"))).Succeeded.Should().BeTrue();
            }

            if (needsHelp)
            {
                await using var db = await factory.DbFactory.CreateDbContextAsync();
                await db.Users.Where(u => u.Id == customer).ExecuteUpdateAsync(u => u.SetProperty(x => x.NoShowLimit, 1).SetProperty(x => x.NoShowCount, 1));
            }

            var start = slotKind switch { "open" => slots.Dequeue(), "full" => full, _ => full.AddMinutes(7) };
            return new ReserveRequest(customer, service.Id, start, earlier == "repeat" ? "earlier" : $"new-{Guid.NewGuid():N}");
        }

        var mixes = (from known in new[] { true, false }
                     from needsHelp in new[] { false, true }
                     from earlier in new[] { "none", "limit", "repeat" }
                     from slotKind in new[] { "open", "full", "missing" }
                     where known || (!needsHelp && earlier == "none")
                     select (known, needsHelp, earlier, slotKind)).ToList();
        var inBatch = new List<ReserveRequest>();
        var alone = new List<ReserveRequest>();
        foreach (var (known, needsHelp, earlier, slotKind) in mixes)
        {
            inBatch.Add(await TwinAsync(known, needsHelp, earlier, slotKind));
            alone.Add(await TwinAsync(known, needsHelp, earlier, slotKind));
        }

        var batchAnswers = await factory.Get<ReservationBatchWriter>().WriteAsync(inBatch, CancellationToken.None);
        for (var i = 0; i < mixes.Count; i++)
        {
            var aloneAnswer = await factory.Get<ReservationBatchWriter>().WriteAloneAsync(alone[i], CancellationToken.None);
            (batchAnswers[i].Succeeded, batchAnswers[i].Error).Should().Be((aloneAnswer.Succeeded, aloneAnswer.Error), $"the mix {mixes[i]} is answered the same either way");
        }

        batchAnswers.Should().Contain(r => r.Succeeded).And.Contain(r => !r.Succeeded, "the mixes cover both outcomes");
    }

    [Fact]
    public async Task In_a_batch_only_admitted_customers_book_and_one_left_without_a_seat_keeps_the_turn()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customers = await factory.CreateCustomersAsync(4);
        var (admitted, neverQueued) = (customers.Take(3).ToList(), customers[3]);
        await factory.JoinEarlyThenOpenAsync(clinic.Id, admitted, early: TimeSpan.FromMinutes(1));
        var slot = (await factory.BookableSlotsAsync(clinic))[0];
        slot.Remaining.Should().Be(2, "the clinic's slots have two seats");

        var results = await factory.Get<ReservationBatchWriter>().WriteAsync(
            [.. admitted.Select(c => new ReserveRequest(c, clinic.Id, slot.StartUtc, "a")), new(neverQueued, clinic.Id, slot.StartUtc, "n")], CancellationToken.None);

        results.Take(2).Should().OnlyContain(r => r.Succeeded);
        results[2].Error.Should().Be(BookingError.SlotFull);
        results[3].Error.Should().Be(BookingError.NotAdmitted);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var entries = await db.QueueEntries.Where(e => admitted.Contains(e.CustomerId!)).ToDictionaryAsync(e => e.CustomerId!, e => e.Status);
        entries[admitted[0]].Should().Be(QueueEntryStatus.Completed);
        entries[admitted[1]].Should().Be(QueueEntryStatus.Completed);
        entries[admitted[2]].Should().Be(QueueEntryStatus.Admitted, "a turn is used only by a booking, as when the request comes alone");
    }

    [Fact]
    public async Task A_turn_that_lapses_while_its_batch_is_written_refuses_only_its_request()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var customers = await factory.CreateCustomersAsync(2);
        var (lapsing, other) = (customers[0], customers[1]);
        await factory.JoinEarlyThenOpenAsync(clinic.Id, customers, early: TimeSpan.FromMinutes(1));
        await using (var setup = await factory.DbFactory.CreateDbContextAsync())
        {
            await setup.QueueEntries.Where(e => e.CustomerId == lapsing).ExecuteUpdateAsync(e => e.SetProperty(x => x.VisitorKey, LapsingTurnMark));
        }

        // As if the admission job expired that turn between the batch's read and its update: the update passes it by.
        await SkipUpdatesOfTheMarkedTurnAsync();
        var slot = (await factory.BookableSlotsAsync(clinic))[0];

        var results = await factory.Get<ReservationBatchWriter>().WriteAsync(
            [new(lapsing, clinic.Id, slot.StartUtc, "l"), new(other, clinic.Id, slot.StartUtc, "o")], CancellationToken.None);

        results[0].Error.Should().Be(BookingError.NotAdmitted);
        results[1].Succeeded.Should().BeTrue(results[1].Message);
        (await BookingsAndSeatsTakenAsync(customers, clinic.Id, slot.StartUtc)).Should().Be((1, 1), "only the customer whose turn held booked");
    }

    [Fact]
    public async Task A_batch_that_fails_commits_nothing_of_any_of_its_requests()
    {
        var service = await factory.SimpleConsultationAsync();
        var slot = (await factory.BookableSlotsAsync(service))[0];
        var customers = await factory.CreateCustomersAsync(3);
        await RefuseBookingsWithTheRefusedKeyAsync();

        var write = () => factory.Get<ReservationBatchWriter>().WriteAsync(
            [new(customers[0], service.Id, slot.StartUtc, "fine"), new(customers[1], service.Id, slot.StartUtc, RefusedKey), new(customers[2], service.Id, slot.StartUtc, "fine too")],
            CancellationToken.None);

        await write.Should().ThrowAsync<DbUpdateException>();
        (await BookingsAndSeatsTakenAsync(customers, service.Id, slot.StartUtc)).Should().Be((0, 0), "nothing of a failed batch is written");
    }

    [Fact]
    public async Task When_a_batch_fails_its_other_requests_are_still_booked_one_by_one()
    {
        var service = await SimpleConsultationWithSeatsAsync(50);

        var slot = (await factory.BookableSlotsAsync(service))[0];
        var customers = await factory.CreateCustomersAsync(20);
        await RefuseBookingsWithTheRefusedKeyAsync();
        var bookings = factory.Get<BookingService>();

        // Handed over without waiting, so the batcher queues them together behind whatever batch is first.
        var answers = customers.Select((c, i) => bookings.ReserveAsync(new ReserveRequest(c, service.Id, slot.StartUtc, i == 10 ? RefusedKey : $"k{i}"))).ToList();
        var refused = answers[10];
        answers.RemoveAt(10);

        (await Task.WhenAll(answers)).Should().OnlyContain(r => r.Succeeded);
        await refused.Invoking(t => t).Should().ThrowAsync<DbUpdateException>();
        factory.Log.Entries.Select(e => Regex.Match(e.Message, "^A batch of (?<count>[0-9]+) reservations could not be written together"))
            .Where(m => m.Success).Select(m => int.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture))
            .Should().Contain(count => count > 1, "the refused request shared its batch, whose other requests were then written one by one");
        (await BookingsAndSeatsTakenAsync(customers, service.Id, slot.StartUtc)).Should().Be((19, 19), "every request but the refused one booked, and counted");
    }

    [Fact]
    public async Task A_batchs_first_bookings_of_several_slots_create_one_counter_for_each_and_count_them()
    {
        var service = await SimpleConsultationWithSeatsAsync(5);

        var slots = (await factory.BookableSlotsAsync(service)).Take(3).ToList();
        var customers = await factory.CreateCustomersAsync(7);

        var results = await factory.Get<ReservationBatchWriter>().WriteAsync(
            customers.Select((c, i) => new ReserveRequest(c, service.Id, slots[i % 3].StartUtc, $"k{i}")).ToList(), CancellationToken.None);

        results.Should().OnlyContain(r => r.Succeeded);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.SlotInventories.Where(i => i.ServiceId == service.Id).OrderBy(i => i.StartUtc).Select(i => i.Booked).ToListAsync())
            .Should().Equal([3, 2, 2], "each new slot has one counter, with its bookings counted");
    }

    [Fact]
    public async Task Counters_already_made_are_found_and_only_the_missing_ones_created()
    {
        var service = await factory.SimpleConsultationAsync();
        var slots = (await factory.BookableSlotsAsync(service)).Take(3).Select(s => SlotSchedule.Find(service, s.StartUtc)!).ToList();
        var store = factory.Get<SlotInventoryStore>();
        var madeFirst = await store.EnsureAsync(service.Id, slots[1], CancellationToken.None);

        var counters = await store.EnsureCountersAsync(slots.Select(s => (service.Id, s)).ToList(), CancellationToken.None);

        var rows = await CounterIdsAsync(service.Id);
        rows.Should().HaveCount(3, "one counter per slot");
        counters.Should().BeEquivalentTo(slots.ToDictionary(s => (service.Id, s.StartUtc), s => (rows[s.StartUtc], true)));
        counters[(service.Id, slots[1].StartUtc)].Id.Should().Be(madeFirst);
    }

    [Fact]
    public async Task Two_instances_creating_the_same_new_counters_at_once_agree_on_one_for_each_slot()
    {
        var service = await factory.SimpleConsultationAsync();
        var slots = (await factory.BookableSlotsAsync(service)).Take(20).Select(s => (service.Id, SlotSchedule.Find(service, s.StartUtc)!)).ToList();
        // Each store stands for an instance: they do not take turns with each other.
        var stores = Enumerable.Range(0, 4).Select(_ => new SlotInventoryStore(factory.DbFactory, NullLogger<SlotInventoryStore>.Instance)).ToList();

        var answers = await Task.WhenAll(stores.Select((store, i) => Task.Run(() =>
            store.EnsureCountersAsync(i % 2 == 0 ? slots : slots.AsEnumerable().Reverse().ToList(), CancellationToken.None))));

        var rows = await CounterIdsAsync(service.Id);
        rows.Should().HaveCount(20, "one counter per slot");
        answers.Should().AllSatisfy(answer => answer.Should().BeEquivalentTo(rows.ToDictionary(r => (service.Id, r.Key), r => (r.Value, true))));
    }

    /// <summary>The simple consultation with <paramref name="seats"/> seats a slot.</summary>
    private async Task<Service> SimpleConsultationWithSeatsAsync(int seats)
    {
        var service = await factory.SimpleConsultationAsync();
        await using var setup = await factory.DbFactory.CreateDbContextAsync();
        await setup.Set<TimeSlotTemplate>().Where(t => t.ServiceId == service.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.Capacity, seats));
        return service;
    }

    private async Task<Dictionary<DateTime, long>> CounterIdsAsync(int serviceId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.SlotInventories.Where(i => i.ServiceId == serviceId).ToDictionaryAsync(i => i.StartUtc, i => i.Id);
    }

    /// <summary>How many bookings the customers have, and how many seats the slot's counter says are taken.</summary>
    private async Task<(int Bookings, int SeatsTaken)> BookingsAndSeatsTakenAsync(IReadOnlyList<string> customers, int serviceId, DateTime slotStartUtc)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var bookings = await db.Bookings.CountAsync(b => customers.Contains(b.CustomerId));
        var counter = await db.SlotInventories.SingleAsync(i => i.ServiceId == serviceId && i.StartUtc == slotStartUtc);
        return (bookings, counter.Booked);
    }

    /// <summary>The idempotency key of the request whose booking row the database refuses (the triggers below spell it out).</summary>
    protected const string RefusedKey = "refused-by-the-database";

    /// <summary>A database-side failure the app cannot foresee, for one request: a trigger refuses its booking row.</summary>
    protected abstract Task RefuseBookingsWithTheRefusedKeyAsync();

    /// <summary>Marks the queue entry whose updates a trigger passes by (the triggers below spell it out).</summary>
    protected const string LapsingTurnMark = "lapses-under-the-batch";

    protected abstract Task SkipUpdatesOfTheMarkedTurnAsync();
}

public sealed class ReservationBatchTests : ReservationBatchSuite
{
    protected override async Task SkipUpdatesOfTheMarkedTurnAsync()
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(
            """CREATE TRIGGER skip_marked_turn BEFORE UPDATE ON "QueueEntries" WHEN OLD."VisitorKey" = 'lapses-under-the-batch' BEGIN SELECT RAISE(IGNORE); END;""");
    }

    protected override async Task RefuseBookingsWithTheRefusedKeyAsync()
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(
            """CREATE TRIGGER refuse_key BEFORE INSERT ON "Bookings" WHEN NEW."IdempotencyKey" = 'refused-by-the-database' BEGIN SELECT RAISE(ABORT, 'refused'); END;""");
    }
}

public sealed class ReservationBatchOnPostgresTests : ReservationBatchSuite
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task SkipUpdatesOfTheMarkedTurnAsync()
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION skip_marked_turn() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF OLD."VisitorKey" = 'lapses-under-the-batch' THEN RETURN NULL; END IF;
              RETURN NEW;
            END $$
            """);
        await db.Database.ExecuteSqlRawAsync("""CREATE TRIGGER skip_marked_turn BEFORE UPDATE ON "QueueEntries" FOR EACH ROW EXECUTE FUNCTION skip_marked_turn()""");
    }

    protected override async Task RefuseBookingsWithTheRefusedKeyAsync()
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_key() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW."IdempotencyKey" = 'refused-by-the-database' THEN RAISE EXCEPTION 'refused'; END IF;
              RETURN NEW;
            END $$
            """);
        await db.Database.ExecuteSqlRawAsync("""CREATE TRIGGER refuse_key BEFORE INSERT ON "Bookings" FOR EACH ROW EXECUTE FUNCTION refuse_key()""");
    }
}
