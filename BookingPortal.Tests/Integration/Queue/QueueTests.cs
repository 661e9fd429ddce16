using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Booking;
using BookingPortal.Features.Queue;
using BookingPortal.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// The demo weekly release (Dermatology Clinic, Mondays 09:00 New York, VIP 15 minutes early) on a
/// fake clock that starts Monday 2 March 2026 07:00 New York, two hours before opening (14:00 UTC).
/// </summary>
public class QueueTests : IAsyncLifetime
{
    /// <summary>The database this suite runs on; the PostgreSQL subclass below runs it again there.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
    private PortalFactory factory = null!;
    private Service clinic = null!;

    public async Task InitializeAsync()
    {
        factory = new PortalFactory { Provider = Provider };
        await factory.PauseJobsAsync();
        clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
    }

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
        await factory.Get<AdmissionController>().TickAllAsync();

        (await factory.Get<QueueService>().GetStateAsync(clinic.Id, customers[0])).Stage.Should().Be(QueueStage.Expired);
        var rejoined = await factory.Get<QueueService>().JoinAsync(clinic.Id, customers[0], null);
        rejoined.Outcome.Should().Be(JoinOutcome.Joined);
        await factory.Get<AdmissionController>().TickAllAsync();
        var state = await factory.Get<QueueService>().GetStateAsync(clinic.Id, customers[0]);
        state.Entry!.Sequence.Should().Be(4, "back of the line, after the three first places");
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

    public async Task DisposeAsync() => await factory.DisposeAsync();
}

/// <summary>Joining, the draw and admission ticks, 1,000 concurrent joins included, on PostgreSQL.</summary>
public class QueueOnPostgresTests : QueueTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
