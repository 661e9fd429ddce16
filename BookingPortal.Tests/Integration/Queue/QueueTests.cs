using BookingPortal.Features.Releases;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// The demo weekly release (Dermatology Clinic, Mondays 09:00 New York, VIP 15 minutes early) on a
/// fake clock that starts Monday 2 March 2026 07:00 New York, two hours before opening (14:00 UTC).
/// </summary>
public class QueueTests : WeeklyReleaseSuite
{
    [Fact]
    public async Task A_thousand_customers_joining_at_once_get_a_thousand_entries_and_a_random_order_at_opening()
    {
        var customers = await factory.CreateCustomersAsync(1000);
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));

        var joins = await Race.AllAtOnceAsync(customers.Select(c => (Func<Task<JoinResult>>)(() => factory.Get<QueueService>().JoinAsync(clinic.Id, c, null))));
        var again = await factory.Get<QueueService>().JoinAsync(clinic.Id, customers[0], null);

        joins.Should().OnlyContain(j => j.Outcome == JoinOutcome.Joined);
        again.Outcome.Should().Be(JoinOutcome.AlreadyIn, "one entry per customer, in any tab");
        again.Entry!.Id.Should().Be(joins[0].Entry!.Id);
        factory.Clock.SetUtcNow(Opening);
        (await factory.Get<AdmissionController>().TickAllAsync()).Should().Be(20, "the demo release admits 20 a minute");

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var entries = await db.QueueEntries.AsNoTracking().OrderBy(e => e.JoinedAtUtc).ThenBy(e => e.Id).ToListAsync();
        entries.Should().HaveCount(1000);
        entries.Select(e => e.Sequence!.Value).Should().BeEquivalentTo(Enumerable.Range(1, 1000).Select(i => (long)i));
        entries.Select(e => e.Sequence).Should().NotBeInAscendingOrder("places are drawn, not given by arrival");
        entries.Where(e => e.Status == QueueEntryStatus.Admitted).Select(e => e.Sequence!.Value).Should().BeEquivalentTo(Enumerable.Range(1, 20).Select(i => (long)i));
        var opening = await db.ReleaseOpenings.SingleAsync();
        QueueFairness.DrawOrder(entries.Select(e => e.Id), opening.Seed).Should().Equal(entries.OrderBy(e => e.Sequence).Select(e => e.Id), "the stored seed reproduces the draw for an audit");
    }

    /// <summary>
    /// A join that read the clock just before the doors opened but was saved just after the draw (behind the tick's
    /// lock, or on an instance whose clock runs a little slow) missed the draw: it is numbered as a later arrival.
    /// </summary>
    [Fact]
    public async Task A_place_saved_a_moment_after_the_draw_is_numbered_as_a_later_arrival()
    {
        var customers = await factory.CreateCustomersAsync(3);
        var (early, straggler, late) = (customers[0], customers[1], customers[2]);
        factory.Clock.SetUtcNow(Opening.AddMinutes(-10));
        var drawn = (await factory.Get<QueueService>().JoinAsync(clinic.Id, early, null)).Entry!;
        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            db.QueueEntries.Add(new QueueEntry { OpeningId = drawn.OpeningId, CustomerId = straggler, JoinedAtUtc = Opening.UtcDateTime.AddMilliseconds(-1), Status = QueueEntryStatus.Waiting });
            await db.SaveChangesAsync();
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await factory.Get<QueueService>().JoinAsync(clinic.Id, late, null);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await factory.Get<AdmissionController>().TickAllAsync();

        await using var read = await factory.DbFactory.CreateDbContextAsync();
        var places = await read.QueueEntries.AsNoTracking().ToDictionaryAsync(e => e.CustomerId!, e => (e.Sequence, e.DrawPlace));
        places[early].Should().Be(((long?)1, (long?)1));
        places[straggler].Should().Be(((long?)2, (long?)null), "it arrived before the later arrival, and missed the draw");
        places[late].Should().Be(((long?)3, (long?)null));
    }

    [Fact]
    public async Task Postponing_an_opening_people_already_wait_for_moves_their_draw_with_it()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));
        var entry = (await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null)).Entry!;
        var (staff, releases) = (await factory.StaffAsync(), factory.Get<ReleaseService>());
        var draft = (await releases.GetAsync(staff, clinic.Id))!;
        draft.RecurringLocalTime = draft.RecurringLocalTime.AddHours(1);

        (await releases.SaveAsync(staff, clinic.Id, draft)).Should().BeEmpty();

        // Before the new time's lobby opens, the schedule alone would send a newcomer to last week's 10:00 (drawn at once).
        var newcomer = (await factory.CreateCustomersAsync(1))[0];
        (await factory.Get<QueueService>().JoinAsync(clinic.Id, newcomer, null)).Entry!.OpeningId.Should().Be(entry.OpeningId, "newcomers join the line already waiting");
        (await releases.MonitorAsync(staff, clinic.Id)).Waiting.Should().Be(2, "the monitor watches that line too");
        var admissions = factory.Get<AdmissionController>();
        factory.Clock.SetUtcNow(Opening);
        (await admissions.TickAllAsync()).Should().Be(0, "nobody is drawn or let in at the old time");
        factory.Clock.SetUtcNow(Opening.AddHours(1));
        (await admissions.TickAllAsync()).Should().Be(2);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.QueueEntries.AsNoTracking().SingleAsync(e => e.CustomerId == customer)).Should().Match<QueueEntry>(e => e.Id == entry.Id && e.DrawPlace != null && e.Status == QueueEntryStatus.Admitted);
        (await db.ReleaseOpenings.AsNoTracking().SingleAsync()).OpensAtUtc.Should().Be(Opening.UtcDateTime.AddHours(1));
    }

    [Fact]
    public async Task An_opening_people_wait_for_cannot_be_moved_to_a_time_already_past()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));
        await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null);
        var (staff, releases) = (await factory.StaffAsync(), factory.Get<ReleaseService>());
        var draft = (await releases.GetAsync(staff, clinic.Id))!;
        draft.RecurringLocalTime = draft.RecurringLocalTime.AddHours(-1);

        var refused = await releases.SaveAsync(staff, clinic.Id, draft);

        refused.Should().ContainSingle().Which.Should().Match<FieldError>(e => e.Field == nameof(Release.RecurringLocalTime) && e.Message.StartsWith("People are waiting for the opening at"));
        (await releases.GetAsync(staff, clinic.Id))!.RecurringLocalTime.Should().Be(new TimeOnly(9, 0), "nothing was saved");
    }

    [Fact]
    public async Task Over_a_simulated_hour_admissions_follow_the_places_and_never_exceed_the_rate_or_the_concurrent_limit()
    {
        await using (var setup = await factory.DbFactory.CreateDbContextAsync())
        {
            await setup.Releases.ExecuteUpdateAsync(r => r.SetProperty(x => x.MaxConcurrentAdmissions, 10).SetProperty(x => x.AdmissionWindowSeconds, 300));
        }

        var customers = await factory.CreateCustomersAsync(300);
        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        foreach (var customer in customers)
        {
            await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null);
        }

        var controller = factory.Get<AdmissionController>();
        var maxConcurrent = 0;
        var tick = 0;
        for (factory.Clock.SetUtcNow(Opening); factory.Clock.GetUtcNow() < Opening.AddHours(1); factory.Clock.Advance(TimeSpan.FromSeconds(5)), tick++)
        {
            await controller.TickAllAsync();
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            maxConcurrent = Math.Max(maxConcurrent, await db.QueueEntries.CountAsync(e => e.Status == QueueEntryStatus.Admitted));
            // After the first 10 minutes, half of those let in book at once (freeing their place); the rest let their window lapse.
            if (factory.Clock.GetUtcNow() > Opening.AddMinutes(10) && tick % 2 == 0)
            {
                await db.QueueEntries.Where(e => e.Status == QueueEntryStatus.Admitted).OrderBy(e => e.Sequence).Take(1)
                    .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Completed));
            }
        }

        await using var check = await factory.DbFactory.CreateDbContextAsync();
        var admitted = await check.QueueEntries.AsNoTracking().Where(e => e.AdmittedAtUtc != null).OrderBy(e => e.Sequence).ToListAsync();
        maxConcurrent.Should().Be(10);
        admitted.Select(e => e.AdmittedAtUtc).Should().BeInAscendingOrder("lower places are admitted first");
        foreach (var entry in admitted)
        {
            admitted.Count(e => e.AdmittedAtUtc > entry.AdmittedAtUtc!.Value.AddMinutes(-1) && e.AdmittedAtUtc <= entry.AdmittedAtUtc).Should().BeLessThanOrEqualTo(20);
        }

        var perMinute = admitted.GroupBy(e => (e.AdmittedAtUtc!.Value - Opening.UtcDateTime).Minutes).Select(g => g.Count()).ToList();
        perMinute.Should().OnlyContain(n => n <= 20);
        admitted.Count(e => e.Status == QueueEntryStatus.Expired).Should().BeGreaterThan(0, "lapsed windows expire and free their place");
        admitted.Count.Should().BeGreaterThan(100);
    }

    [Fact]
    public async Task Admissions_of_customers_who_rejoined_still_count_against_the_minutes_rate()
    {
        await using (var setup = await factory.DbFactory.CreateDbContextAsync())
        {
            await setup.Releases.ExecuteUpdateAsync(r => r.SetProperty(x => x.AdmissionRatePerMinute, 3).SetProperty(x => x.MaxConcurrentAdmissions, 50));
        }

        var customers = await factory.CreateCustomersAsync(8);
        var queue = factory.Get<QueueService>();
        factory.Clock.SetUtcNow(Opening.AddMinutes(-5));
        foreach (var customer in customers)
        {
            await queue.JoinAsync(clinic.Id, customer, null);
        }

        var controller = factory.Get<AdmissionController>();
        factory.Clock.SetUtcNow(Opening);
        (await controller.TickAllAsync()).Should().Be(3);
        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        var admitted = new List<string>();
        foreach (var customer in customers)
        {
            if ((await queue.GetStateAsync(clinic.Id, customer)).Entry is { Status: QueueEntryStatus.Admitted } entry)
            {
                admitted.Add(customer);
                (await queue.LeaveAsync(entry.Id, customer)).Should().BeTrue();
            }
        }

        // Two of the three join again at once; the third stays out.
        foreach (var customer in admitted.Take(2))
        {
            (await queue.JoinAsync(clinic.Id, customer, null)).Outcome.Should().Be(JoinOutcome.Joined);
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        (await controller.TickAllAsync()).Should().Be(0, "three were admitted in the last minute, whether or not they joined again since");
        (await factory.Get<ReleaseService>().MonitorAsync(await factory.StaffAsync(), clinic.Id)).AdmittedLastMinute.Should().Be(3, "staff see the figure the rate is held to");
        factory.Clock.SetUtcNow(Opening.AddMinutes(1));
        (await controller.TickAllAsync()).Should().Be(3, "a minute after the first admissions the rate allows three more");
    }

    [Fact]
    public async Task Only_a_current_admission_books_and_each_admission_books_once()
    {
        var (waiting, admitted) = ((await factory.CreateCustomersAsync(1))[0], (await factory.CreateCustomersAsync(1))[0]);
        factory.Clock.SetUtcNow(Opening.AddMinutes(-1));
        (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(admitted, clinic.Id, (await factory.BookableSlotsAsync(clinic))[0].StartUtc, "before")))
            .Error.Should().Be(BookingError.NotAdmitted, "before its first opening the service cannot be booked");
        await factory.Get<QueueService>().JoinAsync(clinic.Id, admitted, null);
        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
        await factory.Get<QueueService>().JoinAsync(clinic.Id, waiting, null);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // Hold admissions so the late joiner stays waiting; allow two bookings so only the admission rule can refuse the second.
            await db.Releases.ExecuteUpdateAsync(r => r.SetProperty(x => x.AdmissionPaused, true));
            await db.Services.Where(s => s.Id == clinic.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.MaxActiveBookingsPerCustomer, 2));
        }

        var slots = await factory.BookableSlotsAsync(clinic);
        var bookings = factory.Get<BookingService>();

        var notAdmitted = await bookings.ReserveAsync(new ReserveRequest(waiting, clinic.Id, slots[0].StartUtc, "w"));
        var booked = await bookings.ReserveAsync(new ReserveRequest(admitted, clinic.Id, slots[0].StartUtc, "a"));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await bookings.ReserveAsync(new ReserveRequest(admitted, clinic.Id, slots[1].StartUtc, "a2"));

        notAdmitted.Error.Should().Be(BookingError.NotAdmitted);
        notAdmitted.Message.Should().Contain("waiting room");
        booked.Succeeded.Should().BeTrue(booked.Message);
        second.Error.Should().Be(BookingError.NotAdmitted, "the admission was used up by the first booking");
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, admitted)).Stage.Should().Be(QueueStage.Finished);
    }

    [Fact]
    public async Task An_admission_that_lapses_expires_and_the_customer_can_rejoin_at_the_back()
    {
        var customers = await factory.CreateCustomersAsync(3);
        factory.Clock.SetUtcNow(Opening);
        foreach (var customer in customers)
        {
            await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null);
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await factory.Get<AdmissionController>().TickAllAsync();
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, customers[0])).Stage.Should().Be(QueueStage.Admitted);
        factory.Clock.Advance(TimeSpan.FromSeconds(601));
        (await factory.Get<QueueService>().JoinAsync(clinic.Id, customers[1], null)).Outcome.Should().Be(JoinOutcome.Joined,
            "a turn that ran out is over before any tick marks it: \"Join again\" pressed at once rejoins");
        await factory.Get<AdmissionController>().TickAllAsync();

        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, customers[0])).Stage.Should().Be(QueueStage.Expired);
        var rejoined = await factory.Get<QueueService>().JoinAsync(clinic.Id, customers[0], null);
        rejoined.Outcome.Should().Be(JoinOutcome.Joined);
        await factory.Get<AdmissionController>().TickAllAsync();
        var state = await factory.Get<QueueService>().GetStateAsync(clinic.Id, customers[0]);
        state.Entry!.Sequence.Should().Be(5, "back of the line, after the three first places and the one who rejoined first");
    }

    [Fact]
    public async Task A_reload_takes_the_snapshots_seat_count_as_given_and_counts_the_calendar_without_one()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening);
        var openingId = (await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null)).Entry!.OpeningId;
        var queue = factory.Get<QueueService>();

        var counted = await queue.GetStateAsync(clinic.Id, customer);
        var fromSnapshot = await queue.GetStateAsync(clinic.Id, QueueMember.Customer(customer), Seats(3));
        var noSeatInSnapshot = await queue.GetStateAsync(clinic.Id, QueueMember.Customer(customer), Seats(0));

        counted.RemainingSeats.Should().Be(await queue.RemainingSeatsAsync(clinic));
        counted.RemainingSeats.Should().BeGreaterThan(3);
        (fromSnapshot.Stage, fromSnapshot.RemainingSeats).Should().Be((QueueStage.Waiting, 3));
        (noSeatInSnapshot.Stage, noSeatInSnapshot.RemainingSeats).Should().Be((QueueStage.Waiting, 0),
            "at 0 seats (held, maybe, for people paying) someone in line keeps their place");

        QueueSnapshot Seats(int remaining) => new(openingId, [], new HashSet<long>(), remaining, Opening.UtcDateTime);
    }

    [Fact]
    public async Task Vip_members_are_let_in_early_and_everyone_else_at_opening()
    {
        string vipId;
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // The demo customer is the seeded VIP audience's member.
            vipId = await db.Users.Where(u => u.Email == DemoSeeder.CustomerEmail).Select(u => u.Id).SingleAsync();
        }

        var everyone = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, vipId)).MyOpeningAtUtc.Should().Be(Opening.UtcDateTime.AddMinutes(-15));
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, everyone)).Stage.Should().Be(QueueStage.NotOpenYet);
        await factory.Get<QueueService>().JoinAsync(clinic.Id, vipId, null);
        await factory.Get<QueueService>().JoinAsync(clinic.Id, everyone, null);

        factory.Clock.SetUtcNow(Opening.AddMinutes(-15));
        await factory.Get<AdmissionController>().TickAllAsync();
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, vipId)).Stage.Should().Be(QueueStage.Admitted);
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, everyone)).Stage.Should().Be(QueueStage.NotOpenYet);

        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, everyone)).Stage.Should().Be(QueueStage.Admitted);
    }

    [Fact]
    public async Task A_release_limited_to_a_date_range_offers_and_books_only_those_dates()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening);
        var (first, last) = BookingRules.BookableDates(clinic, Opening.UtcDateTime);
        var scheduled = SlotSchedule.ForRange(clinic, first, last).Where(s => BookingRules.CheckWindow(clinic, s.StartUtc, Opening.UtcDateTime) is null).ToList();
        var dates = scheduled.Select(s => DateOnly.FromDateTime(s.LocalStart.DateTime)).Distinct().Order().ToList();
        dates.Should().HaveCountGreaterThan(3, "the test needs dates before, inside and after the range");
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.SlotsFrom, dates[1]).SetProperty(x => x.SlotsUntil, dates[2]));
            await db.Services.Where(s => s.Id == clinic.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.MaxActiveBookingsPerCustomer, 5));
        }

        var calendar = await factory.Get<CatalogService>().GetCalendarAsync(clinic);
        await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null);
        await factory.Get<AdmissionController>().TickAllAsync();
        var bookings = factory.Get<BookingService>();
        var mover = factory.Get<BookingMover>();
        var before = await bookings.ReserveAsync(new ReserveRequest(customer, clinic.Id, scheduled.First(s => DateOnly.FromDateTime(s.LocalStart.DateTime) == dates[0]).StartUtc, "before"));
        var inside = await bookings.ReserveAsync(new ReserveRequest(customer, clinic.Id, scheduled.First(s => DateOnly.FromDateTime(s.LocalStart.DateTime) == dates[2]).StartUtc, "inside"));
        var moveOut = await mover.RescheduleAsync(new RescheduleRequest(inside.Booking!.ConfirmationNumber, customer, false, scheduled.First(s => DateOnly.FromDateTime(s.LocalStart.DateTime) == dates[3]).StartUtc));

        calendar.DatesWithSlots.Should().BeEquivalentTo([dates[1], dates[2]]);
        before.Error.Should().Be(BookingError.OutsideRelease);
        before.Message.Should().Contain("not part of the current release");
        inside.Succeeded.Should().BeTrue(inside.Message);
        moveOut.Error.Should().Be(BookingError.OutsideRelease, "moving a booking must not sell a date the release does not");
        (await factory.BookableSlotsAsync(clinic)).Select(s => DateOnly.FromDateTime(s.LocalStart.DateTime)).Should().OnlyContain(d => d == dates[1] || d == dates[2]);
    }

    [Fact]
    public async Task Where_the_release_allows_it_a_visitor_waits_without_an_account_and_keeps_the_turn_after_signing_in()
    {
        var queue = factory.Get<QueueService>();
        var visitor = QueueMember.Of(null, "0123456789abcdef0123456789abcdef");
        factory.Clock.SetUtcNow(Opening.AddMinutes(-10));
        var refused = await queue.JoinAsync(clinic.Id, visitor, null);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireAuthentication, false));
        }

        var joined = await queue.JoinAsync(clinic.Id, visitor, null);
        var again = await queue.JoinAsync(clinic.Id, visitor, null);
        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
        var unconfirmed = await queue.GetStateAsync(clinic.Id, visitor);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var claimed = await queue.ClaimVisitorPlacesAsync(visitor.VisitorKey!, customer);
        await factory.Get<AdmissionController>().TickAllAsync();
        var turn = await queue.GetStateAsync(clinic.Id, customer);
        var booked = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, clinic.Id, (await factory.BookableSlotsAsync(clinic))[0].StartUtc, "after-sign-in"));

        refused.Outcome.Should().Be(JoinOutcome.SignInRequired, "the demo release requires an account until staff say otherwise");
        joined.Outcome.Should().Be(JoinOutcome.Joined);
        (joined.Entry!.CustomerId, joined.Entry.VisitorKey).Should().Be((null, visitor.VisitorKey));
        again.Entry!.Id.Should().Be(joined.Entry.Id, "the same browser keeps one place");
        unconfirmed.Stage.Should().Be(QueueStage.Waiting, "a visitor's place counts once an account with a confirmed address holds it");
        turn.Stage.Should().Be(QueueStage.Admitted);
        turn.Entry!.Id.Should().Be(joined.Entry.Id, "the account kept the visitor's place");
        claimed.Should().Be(1);
        booked.Succeeded.Should().BeTrue(booked.Message);
        (await queue.GetStateAsync(clinic.Id, visitor)).Entry.Should().BeNull("the place moved to the account");
        (await queue.GetStateAsync(clinic.Id, customer)).Stage.Should().Be(QueueStage.Finished, "the turn was used by the booking");
    }

    [Fact]
    public async Task A_visitor_who_never_signs_in_stops_keeping_the_opening_live_until_they_do()
    {
        var queue = factory.Get<QueueService>();
        var admissions = factory.Get<AdmissionController>();
        var visitor = QueueMember.Of(null, "00112233445566778899aabbccddeeff");
        var customer = (await factory.CreateCustomersAsync(1))[0];
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireAuthentication, false));
        }

        factory.Clock.SetUtcNow(Opening.AddMinutes(-10));
        var visitorPlace = (await queue.JoinAsync(clinic.Id, visitor, null)).Entry!;
        var customerPlace = (await queue.JoinAsync(clinic.Id, customer, null)).Entry!;
        factory.Clock.SetUtcNow(Opening);
        (await admissions.TickAllAsync()).Should().Be(1, "the draw is made and the customer's turn comes; the visitor's place is passed over");
        (await queue.LeaveAsync(customerPlace.Id, customer)).Should().BeTrue();
        var ticksWhenLineEnded = await TickCountAsync();

        factory.Clock.Advance(TimeSpan.FromDays(1));
        (await admissions.TickAllAsync()).Should().Be(0);
        (await factory.Get<OpeningSeatRecorder>().RecordAsync()).Should().Be(0, "no seat curve is drawn for a line that cannot move");
        (await TickCountAsync()).Should().Be(ticksWhenLineEnded, "the only place left waiting can never be given a turn as it stands");
        var late = QueueMember.Of(null, "ffeeddccbbaa99887766554433221100");
        var latePlace = (await queue.JoinAsync(clinic.Id, late, null)).Entry!;
        await admissions.TickAllAsync();
        var ticksOnceNumbered = await TickCountAsync();
        await admissions.TickAllAsync();
        (await TickCountAsync()).Should().Be(ticksOnceNumbered, "numbered, the late visitor's place cannot move either");
        (await queue.GetStateAsync(clinic.Id, late)).Entry!.Sequence.Should().NotBeNull("a place that arrives keeps a number to be shown");
        ticksOnceNumbered.Should().Be(ticksWhenLineEnded + 1);
        latePlace.Sequence.Should().BeNull();

        var signedIn = (await factory.CreateCustomersAsync(1))[0];
        (await queue.ClaimVisitorPlacesAsync(visitor.VisitorKey!, signedIn)).Should().Be(1);
        (await admissions.TickAllAsync()).Should().Be(1, "the place counts again once a confirmed account holds it");
        (await queue.GetStateAsync(clinic.Id, signedIn)).Entry!.Id.Should().Be(visitorPlace.Id);

        async Task<long> TickCountAsync()
        {
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            return await db.ReleaseOpenings.Where(o => o.Id == visitorPlace.OpeningId).Select(o => o.TickCount).SingleAsync();
        }
    }

    [Fact]
    public async Task A_visitor_who_signs_in_to_an_account_already_in_line_gives_up_the_second_place()
    {
        var queue = factory.Get<QueueService>();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Releases.Where(r => r.ServiceId == clinic.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.RequireAuthentication, false));
        }

        var customer = (await factory.CreateCustomersAsync(1))[0];
        var visitor = QueueMember.Of(null, "fedcba9876543210fedcba9876543210");
        factory.Clock.SetUtcNow(Opening.AddMinutes(5));
        var own = await queue.JoinAsync(clinic.Id, customer, null);
        var asVisitor = await queue.JoinAsync(clinic.Id, visitor, null);

        var claimed = await queue.ClaimVisitorPlacesAsync(visitor.VisitorKey!, customer);

        claimed.Should().Be(0);
        (await queue.GetStateAsync(clinic.Id, customer)).Entry!.Id.Should().Be(own.Entry!.Id);
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        (await check.QueueEntries.SingleAsync(e => e.Id == asVisitor.Entry!.Id)).Status.Should().Be(QueueEntryStatus.Left);
    }
}

/// <summary>Joining, the draw and admission ticks, 1,000 concurrent joins included, on PostgreSQL.</summary>
public class QueueOnPostgresTests : QueueTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
