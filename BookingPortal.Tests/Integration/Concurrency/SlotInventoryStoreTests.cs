namespace BookingPortal.Tests.Integration.Concurrency;

public class SlotInventoryStoreTests : PortalSuite
{
    /// <summary>
    /// A batch whose seekers did not all fit looks again under the lock; seats given back meanwhile may
    /// leave more free than it wants. It must count only what it gives out: the chaos benchmark on two
    /// PostgreSQL instances found counters above their bookings when it took them all.
    /// </summary>
    [Fact]
    public async Task Taking_the_free_seats_takes_no_more_than_are_wanted()
    {
        var service = await factory.SimpleConsultationAsync();
        var booking = await factory.BookAsNewCustomerAsync(service.Id, (await factory.BookableSlotsAsync(service))[0].StartUtc);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var counter = await db.Bookings.Where(b => b.Id == booking.Id).Select(b => b.SlotInventoryId).SingleAsync();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            (await SlotInventoryStore.TakeFreeSeatsAsync(db, counter, wanted: 2, CancellationToken.None)).Should().Be(2);
            await transaction.CommitAsync();
        }

        var taken = await db.SlotInventories.AsNoTracking().SingleAsync(i => i.Id == counter);
        taken.Booked.Should().Be(3, "one booking held a seat and two more were wanted, of the four free");
        taken.Capacity.Should().Be(5);
    }
}
