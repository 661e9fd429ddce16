using Quartz;

namespace BookingPortal.Tests.Integration.Payments;

public class HoldExpiryTests : PortalSuite
{
    [Fact]
    public async Task An_expired_hold_releases_its_seat_exactly_once_even_when_two_sweeps_race()
    {
        // The scheduled sweep would otherwise join the race on its own timer; here the test is the scheduler.
        await factory.StartWithoutScheduledJobsAsync();
        var hold = await CreateHoldAsync(factory, minutes: 10);
        var due = await CreateHoldAsync(factory, minutes: 30);
        factory.Clock.Advance(TimeSpan.FromMinutes(11));

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => factory.Get<HoldExpiryService>().ExpireDueHoldsAsync())));

        sweeps.Sum().Should().Be(1, "only the 10-minute hold has run out, and only one sweep may expire it");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == hold.Id)).Status.Should().Be(BookingStatus.Cancelled);
        (await db.Bookings.SingleAsync(b => b.Id == due.Id)).Status.Should().Be(BookingStatus.PendingPayment);
        (await db.SlotInventories.SingleAsync(i => i.Id == hold.SlotInventoryId)).Booked.Should().Be(1, "both holds were on this slot and only one was released");
        (await db.LedgerEntries.CountAsync(e => e.BookingId == hold.Id && e.Kind == LedgerEntryKind.DepositWaived)).Should().Be(1);
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(0, "running again finds nothing left to do");
    }

    [Fact]
    public async Task The_scheduled_job_runs_the_sweep()
    {
        var hold = await CreateHoldAsync(factory, minutes: 10);
        factory.Clock.Advance(TimeSpan.FromMinutes(15));
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = factory.Services.GetRequiredService<SlotChangeNotifier>().Subscribe(hold.ServiceId, () =>
        {
            released.TrySetResult();
            return Task.CompletedTask;
        });

        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.Exists(HoldExpiryJob.Key, CancellationToken.None)).Should().BeTrue();
        await scheduler.TriggerJob(HoldExpiryJob.Key, CancellationToken.None);
        await released.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == hold.Id)).Status.Should().Be(BookingStatus.Cancelled);
    }

    /// <summary>A booking waiting for payment: booked through the service, then put on hold as a card payment would.</summary>
    private static async Task<Booking> CreateHoldAsync(PortalFactory factory, int minutes)
    {
        var (service, slot) = await factory.FirstBookableSlotAsync(DemoSeeder.ConsultationName);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var result = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, service.Id, slot.StartUtc, Guid.NewGuid().ToString()));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var expires = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(minutes);
        await db.Bookings.Where(b => b.Id == result.Booking!.Id).ExecuteUpdateAsync(b => b
            .SetProperty(x => x.Status, BookingStatus.PendingPayment)
            .SetProperty(x => x.ExpiresAtUtc, expires)
            .SetProperty(x => x.ConfirmedAtUtc, (DateTime?)null));
        return await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == result.Booking!.Id);
    }
}

/// <summary>Hold expiry, racing sweeps included, on PostgreSQL.</summary>
public class HoldExpiryOnPostgresTests : HoldExpiryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
