namespace BookingPortal.Tests.TestSupport;

/// <summary>How many rows the tables a request could change hold, to show a refused request changed none.</summary>
public static class RowCounts
{
    public static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(this PortalFactory factory)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return new Dictionary<string, long>
        {
            ["Bookings"] = await db.Bookings.LongCountAsync(),
            ["SlotInventories"] = await db.SlotInventories.LongCountAsync(),
            ["BookedSeats"] = await db.SlotInventories.SumAsync(i => (long)i.Booked),
            ["LedgerEntries"] = await db.LedgerEntries.LongCountAsync(),
            ["RefundRequests"] = await db.RefundRequests.LongCountAsync(),
            ["OutboxMessages"] = await db.OutboxMessages.LongCountAsync(),
            ["QueueEntries"] = await db.QueueEntries.LongCountAsync(),
            ["WaitlistEntries"] = await db.WaitlistEntries.LongCountAsync(),
            ["Users"] = await db.Users.LongCountAsync(),
            ["Services"] = await db.Services.LongCountAsync(),
            ["ApiKeys"] = await db.ApiKeys.LongCountAsync(),
        };
    }

    public static async Task<int> BookingsOfAsync(this PortalFactory factory, string customerId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Bookings.CountAsync(b => b.CustomerId == customerId);
    }
}
