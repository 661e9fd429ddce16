namespace BookingPortal.Tests.Integration.Approval;

/// <summary>The demo consultation switched to "requires staff approval", and what a test reads back of a request.</summary>
internal static class ApprovalTestSupport
{
    /// <summary>The consultation, now requiring approval (48 hours to answer), and its slots a week or more ahead.</summary>
    public static async Task<(Service Service, IReadOnlyList<SlotAvailability> Slots)> ApprovalServiceAsync(PortalFactory factory, string name = DemoSeeder.ConsultationName)
    {
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Services.Where(s => s.Name == name)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RequiresApproval, true).SetProperty(x => x.ApprovalHoldHours, 48));
        }

        var service = await factory.ServiceNamedAsync(name);
        var weekAhead = factory.Clock.GetUtcNow().UtcDateTime.AddDays(7);
        return (service, (await factory.BookableSlotsAsync(service)).Where(s => s.StartUtc > weekAhead).ToList());
    }

    /// <summary>A new customer's request for the first of the <see cref="ApprovalServiceAsync"/> consultation's slots.</summary>
    public static async Task<BookingView> ApprovalRequestAsync(PortalFactory factory)
    {
        var (service, slots) = await ApprovalServiceAsync(factory);
        return await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
    }

    /// <summary>The request's deadline is now: the lapse sweep may end it, staff may no longer approve it.</summary>
    public static async Task DeadlineReachedAsync(PortalFactory factory, Guid bookingId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await db.Bookings.Where(b => b.Id == bookingId).ExecuteUpdateAsync(b => b.SetProperty(x => x.ExpiresAtUtc, now));
    }

    public static async Task<Booking> ReadAsync(PortalFactory factory, Guid bookingId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId);
    }

    /// <summary>The outbox rows' causes for one booking (e-mail and webhook rows alike).</summary>
    public static async Task<List<string>> EventKeysAsync(PortalFactory factory, Guid bookingId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.BookingId == bookingId).Select(m => m.EventKey).ToListAsync();
    }
}
