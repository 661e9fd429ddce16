namespace BookingPortal.Tests.Integration.Notifications;

internal static class NotificationTestSupport
{
    /// <summary>A new customer books the first bookable consultation slot (or the one at <paramref name="slotIndex"/>); of <paramref name="service"/> when given.</summary>
    public static async Task<(BookingView Booking, string Email)> BookAsync(this PortalFactory factory, int slotIndex = 0, Service? service = null)
    {
        service ??= await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var slot = (await factory.BookableSlotsAsync(service))[slotIndex];
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var email = await db.Users.Where(u => u.Id == booking.CustomerId).Select(u => u.Email!).SingleAsync();
        return (booking, email);
    }

    public static async Task<List<OutboxMessage>> OutboxAsync(this PortalFactory factory)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public static async Task OptInToSmsAsync(this PortalFactory factory, string customerId, string phone)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == customerId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PhoneNumber, phone).SetProperty(x => x.SmsOptIn, true));
    }
}
