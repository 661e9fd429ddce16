namespace BookingPortal.Tests.Integration.Admin;

public class FrontDeskTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task The_no_show_sweep_marks_exactly_the_missed_bookings_once_over_a_simulated_day()
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var day = slots.Where(s => s.LocalStart.Date == slots[0].LocalStart.Date).ToList();
        var arrives = await BookAsync(factory, day[0]);
        var missed = await BookAsync(factory, day[0]);
        var cancelled = await BookAsync(factory, day[1]);
        var later = await BookAsync(factory, day[3]);
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(cancelled.ConfirmationNumber, cancelled.CustomerId, false));
        var frontDesk = factory.Get<FrontDeskService>();

        factory.Clock.SetUtcNow(new DateTimeOffset(day[0].StartUtc.AddMinutes(5), TimeSpan.Zero));
        (await frontDesk.CheckInAsync(await factory.StaffAsync(), arrives.Id)).Should().BeTrue();
        (await frontDesk.CheckInAsync(await factory.StaffAsync(), arrives.Id)).Should().BeFalse("a second click changes nothing");
        (await frontDesk.SweepNoShowsAsync()).Should().Be(0, "the 15-minute grace has not passed");

        factory.Clock.SetUtcNow(new DateTimeOffset(day[0].StartUtc.AddMinutes(15), TimeSpan.Zero));
        var sweeps = await Race.AllAtOnceAsync(Enumerable.Range(0, 2).Select(_ => (Func<Task<int>>)(() => factory.Get<FrontDeskService>().SweepNoShowsAsync())));
        sweeps.Sum().Should().Be(1);

        factory.Clock.SetUtcNow(new DateTimeOffset(day[3].StartUtc.AddHours(1), TimeSpan.Zero));
        (await frontDesk.SweepNoShowsAsync()).Should().Be(1, "the afternoon booking is missed too");
        (await frontDesk.SweepNoShowsAsync()).Should().Be(0);

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var statuses = await db.Bookings.Where(b => new[] { arrives.Id, missed.Id, cancelled.Id, later.Id }.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Status);
        statuses[arrives.Id].Should().Be(BookingStatus.Completed);
        statuses[missed.Id].Should().Be(BookingStatus.NoShow);
        statuses[cancelled.Id].Should().Be(BookingStatus.Cancelled);
        statuses[later.Id].Should().Be(BookingStatus.NoShow);
        (await db.LedgerEntries.CountAsync(e => e.BookingId == missed.Id && e.Kind == LedgerEntryKind.NoShowForfeited && e.Amount == 50m)).Should().Be(1);
        (await db.Users.SingleAsync(u => u.Id == missed.CustomerId)).NoShowCount.Should().Be(1);
        (await db.Users.SingleAsync(u => u.Id == arrives.CustomerId)).NoShowCount.Should().Be(0);
    }

    [Fact]
    public async Task A_sweep_whose_transaction_loses_a_conflict_tries_that_booking_again_and_marks_every_missed_one_once()
    {
        var (_, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var first = await BookAsync(factory, slots[0]);
        var second = await BookAsync(factory, slots[0]);
        factory.Clock.SetUtcNow(new DateTimeOffset(slots[0].StartUtc.AddMinutes(15), TimeSpan.Zero));
        // The database gives up the sweep's first transaction, as it does a deadlock's victim or a busy SQLite file.
        var conflicts = 0;
        factory.Transactions.BeforeNext(() =>
        {
            conflicts++;
            throw TransientConflict();
        });

        var marked = await factory.Get<FrontDeskService>().SweepNoShowsAsync();

        conflicts.Should().Be(1, "the sweep's first transaction was given up");
        marked.Should().Be(2);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.Where(b => b.Id == first.Id || b.Id == second.Id).Select(b => b.Status).ToListAsync()).Should().AllBeEquivalentTo(BookingStatus.NoShow);
        (await db.LedgerEntries.CountAsync(e => (e.BookingId == first.Id || e.BookingId == second.Id) && e.Kind == LedgerEntryKind.NoShowForfeited)).Should().Be(2);
    }

    [Fact]
    public async Task A_batch_of_started_bookings_still_within_a_longer_grace_does_not_hold_back_a_due_one()
    {
        var (patient, quick) = (await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName), await factory.ServiceNamedAsync(DemoSeeder.ConsultationName));
        var customers = await factory.CreateCustomersAsync(2);
        var nowUtc = new DateTime(2026, 3, 4, 15, 0, 0, DateTimeKind.Utc);
        factory.Clock.SetUtcNow(new DateTimeOffset(nowUtc));
        Guid dueId;
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Services.Where(s => s.Id == patient.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.NoShowGraceMinutes, 120));
            await db.Services.Where(s => s.Id == quick.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.NoShowGraceMinutes, 15));
            // More than a batch started an hour ago with two hours' grace, then one started half an hour ago with fifteen minutes'.
            var notYet = await StartedAsync(db, patient.Id, customers[0], nowUtc.AddHours(-1), FrontDeskService.NoShowBatchSize + 1);
            dueId = (await StartedAsync(db, quick.Id, customers[1], nowUtc.AddMinutes(-30), 1))[0];
            notYet.Should().HaveCount(FrontDeskService.NoShowBatchSize + 1);
        }

        (await factory.Get<FrontDeskService>().SweepNoShowsAsync()).Should().Be(1, "one sweep finds the due booking behind the batch not yet due");

        await using var check = await factory.DbFactory.CreateDbContextAsync();
        (await check.Bookings.SingleAsync(b => b.Id == dueId)).Status.Should().Be(BookingStatus.NoShow);
        (await check.Bookings.CountAsync(b => b.ServiceId == patient.Id && b.Status == BookingStatus.Confirmed)).Should().Be(FrontDeskService.NoShowBatchSize + 1);
    }

    /// <summary>Confirmed bookings of one slot that started at <paramref name="startUtc"/>, added in one batch.</summary>
    private static async Task<List<Guid>> StartedAsync(BookingDbContext db, int serviceId, string customerId, DateTime startUtc, int count)
    {
        var slot = new SlotInventory { ServiceId = serviceId, StartUtc = startUtc, EndUtc = startUtc.AddHours(1), Capacity = count, Booked = count };
        db.SlotInventories.Add(slot);
        await db.SaveChangesAsync();
        var bookings = Enumerable.Range(0, count).Select(_ => new Domain.Booking
        {
            Id = Guid.CreateVersion7(), ConfirmationNumber = ConfirmationNumber.New(), CustomerId = customerId, ServiceId = serviceId, SlotInventoryId = slot.Id,
            StartUtc = startUtc, EndUtc = startUtc.AddHours(1), Status = BookingStatus.Confirmed, CreatedAtUtc = startUtc.AddDays(-2), ConfirmedAtUtc = startUtc.AddDays(-2),
            Price = 0, DepositAmount = 0, Currency = "USD", IdempotencyKey = Guid.NewGuid().ToString(),
        }).ToList();
        db.Bookings.AddRange(bookings);
        await db.SaveChangesAsync();
        return bookings.Select(b => b.Id).ToList();
    }

    private Exception TransientConflict() => Provider == DatabaseProvider.Postgres
        ? new Npgsql.PostgresException("could not serialize access due to concurrent update", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.SerializationFailure)
        : new Microsoft.Data.Sqlite.SqliteException("database is locked", 5);

    [Fact]
    public async Task Staff_mark_a_no_show_by_hand_and_undo_it_when_the_customer_turns_up()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var booking = await BookAsync(factory, (await factory.BookableSlotsAsync(service))[0]);
        var frontDesk = factory.Get<FrontDeskService>();
        var staff = await factory.StaffAsync();

        (await frontDesk.MarkNoShowAsync(staff, booking.Id)).Should().BeFalse("the appointment has not started");
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddMinutes(2), TimeSpan.Zero));
        (await frontDesk.MarkNoShowAsync(staff, booking.Id)).Should().BeTrue();
        (await frontDesk.MarkNoShowAsync(staff, booking.Id)).Should().BeFalse("once is enough");
        (await frontDesk.UndoNoShowAsync(staff, booking.Id)).Should().Be(UndoNoShowOutcome.Undone);
        (await frontDesk.UndoNoShowAsync(staff, booking.Id)).Should().Be(UndoNoShowOutcome.NothingChanged);
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddHours(2), TimeSpan.Zero));
        (await frontDesk.SweepNoShowsAsync()).Should().Be(0, "an undone no-show counts as attended, so the sweep leaves it alone");

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var stored = await db.Bookings.SingleAsync(b => b.Id == booking.Id);
        stored.Status.Should().Be(BookingStatus.Completed);
        stored.CheckedInById.Should().Be(staff.Id);
        (await db.Users.SingleAsync(u => u.Id == booking.CustomerId)).NoShowCount.Should().Be(0);
        var ledger = LedgerSummary.Of(await db.LedgerEntries.Where(e => e.BookingId == booking.Id).ToListAsync());
        ledger.Retained.Should().Be(0m, "the forfeit was reversed");
        (await db.AuditEntries.Where(a => a.Subject == booking.ConfirmationNumber).Select(a => a.Action).ToListAsync())
            .Should().Equal("booking.no_show_marked", "booking.no_show_undone");
    }

    [Fact]
    public async Task Undoing_a_no_show_tells_the_webhooks_in_the_undos_own_transaction()
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var booking = await BookAsync(factory, (await factory.BookableSlotsAsync(service))[0]);
        var (frontDesk, staff) = (factory.Get<FrontDeskService>(), await factory.StaffAsync());
        long endpoint;
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            var subscribed = new WebhookEndpoint
            {
                // Registered before the undoing was an event of its own: told of no-shows, it hears of their undoing too.
                Url = "https://example.org/hook", Secret = "s", CreatedById = staff.Id, EventTypes = WebhookEventTypes.BookingNoShow,
            };
            db.WebhookEndpoints.Add(subscribed);
            await db.SaveChangesAsync();
            endpoint = subscribed.Id;
        }

        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddMinutes(2), TimeSpan.Zero));
        (await frontDesk.MarkNoShowAsync(staff, booking.Id)).Should().BeTrue();
        // An undo whose commit fails tells nobody: the event is written with the change or not at all.
        factory.Transactions.BeforeNextCommit(() => throw new InvalidOperationException("The commit failed."));
        await frontDesk.Invoking(f => f.UndoNoShowAsync(staff, booking.Id)).Should().ThrowAsync<InvalidOperationException>();
        (await frontDesk.UndoNoShowAsync(staff, booking.Id)).Should().Be(UndoNoShowOutcome.Undone);
        (await frontDesk.UndoNoShowAsync(staff, booking.Id)).Should().Be(UndoNoShowOutcome.NothingChanged);

        await using var after = await factory.DbFactory.CreateDbContextAsync();
        var told = await after.OutboxMessages.Where(m => m.WebhookEndpointId == endpoint).OrderBy(m => m.Id).Select(m => new { m.Subject, m.TextBody }).ToListAsync();
        told.Select(m => m.Subject).Should().Equal(WebhookEventTypes.BookingNoShow, WebhookEventTypes.BookingNoShowUndone);
        using var undone = System.Text.Json.JsonDocument.Parse(told[1].TextBody);
        undone.RootElement.GetProperty("type").GetString().Should().Be(WebhookEventTypes.BookingNoShowUndone);
        var data = undone.RootElement.GetProperty("data");
        (data.GetProperty("confirmationNumber").GetString(), data.GetProperty("status").GetString()).Should().Be((booking.ConfirmationNumber, "completed"));
    }

    [Fact]
    public async Task A_customer_at_the_no_show_limit_books_only_through_staff()
    {
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.ConsultationName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var staff = await factory.StaffAsync();
        (await factory.Get<CustomersService>().SetNoShowLimitAsync(staff, customer, 1)).Should().BeTrue();
        (await factory.Get<CustomersService>().SetNoShowLimitAsync(staff, customer, 0)).Should().BeFalse("a limit of zero would block everyone");
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == customer).ExecuteUpdateAsync(u => u.SetProperty(x => x.NoShowCount, 1));
        }

        var bookings = factory.Get<BookingService>();
        var online = await bookings.ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "online"));
        var pretendingStaff = await bookings.ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "fake", ActingStaffId: customer));
        var atTheDesk = await bookings.ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, "desk", ActingStaffId: staff.Id));

        online.Error.Should().Be(BookingError.NeedsStaffHelp);
        online.Message.Should().Contain("reception");
        pretendingStaff.Error.Should().Be(BookingError.InvalidRequest, "only a real staff member can book for a customer");
        atTheDesk.Succeeded.Should().BeTrue(atTheDesk.Message);
        var listed = await factory.Get<CustomersService>().ListAsync(staff, null, 0, 100);
        listed.Rows.Single(r => r.Id == customer).NeedsStaffHelp.Should().BeTrue();
    }

    [Fact]
    public async Task A_check_in_from_a_row_drawn_before_the_booking_moved_to_next_week_changes_nothing()
    {
        var (_, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var nextWeek = slots.First(s => s.StartUtc >= slots[0].StartUtc.AddDays(7));
        var booking = await BookAsync(factory, slots[0]);
        var (frontDesk, staff) = (factory.Get<FrontDeskService>(), await factory.StaffAsync());
        factory.Clock.SetUtcNow(new DateTimeOffset(slots[0].StartUtc.AddMinutes(-30), TimeSpan.Zero));
        var row = (await frontDesk.TodayAsync(staff)).Single(r => r.Booking.Id == booking.Id);

        var moved = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, staff.Id, IsStaff: true, nextWeek.StartUtc));
        var checkedIn = await frontDesk.CheckInAsync(staff, row.Booking.Id);

        moved.Succeeded.Should().BeTrue(moved.Message);
        checkedIn.Should().BeFalse("next week's visit has not happened; the desk's row was drawn before the move");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var after = await db.Bookings.SingleAsync(b => b.Id == booking.Id);
        (after.Status, after.CheckedInAtUtc).Should().Be((BookingStatus.Confirmed, (DateTime?)null));
    }

    [Fact]
    public async Task A_visit_that_started_hours_ago_can_still_be_checked_in()
    {
        var (_, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var booking = await BookAsync(factory, slots[0]);
        // Further back than the desk lists (12 hours): My day shows the whole day, and a no-show grace may be a day long.
        factory.Clock.SetUtcNow(new DateTimeOffset(slots[0].StartUtc.AddHours(13), TimeSpan.Zero));

        (await factory.Get<FrontDeskService>().CheckInAsync(await factory.StaffAsync(), booking.Id)).Should().BeTrue();
    }

    private static async Task<BookingView> BookAsync(PortalFactory factory, Features.Catalog.SlotAvailability slot)
    {
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        return await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
    }
}

/// <summary>Check-in and the no-show sweep, racing sweeps included, on PostgreSQL.</summary>
public class FrontDeskOnPostgresTests : FrontDeskTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
