namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// The demo consultation as it was before its specialists were named: the same service in the simple capacity
/// mode, five seats a slot. For tests of seat counters, batches, reminders and the like that count seats by the
/// template and are not about practitioners (the demo's own consultation gives two specialists' seats a slot).
/// </summary>
public static class SimpleConsultation
{
    public const string Name = DemoSeeder.ConsultationName + " (simple mode)";
    public const int SeatsPerSlot = 5;

    /// <summary>The service, made on first use in the factory's database.</summary>
    public static async Task<Service> SimpleConsultationAsync(this PortalFactory factory)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        if (!await db.Services.AnyAsync(s => s.Name == Name))
        {
            var twin = DemoSeeder.DemoServices().Single(s => s.Name == DemoSeeder.ConsultationName);
            twin.Name = Name;
            twin.BooksPractitioners = false;
            twin.TimeSlots.ForEach(t => t.Capacity = SeatsPerSlot);
            db.Services.Add(twin);
            await db.SaveChangesAsync();
        }

        return await factory.ServiceNamedAsync(Name);
    }

    /// <summary>The service and its bookable slots (see <see cref="TestData.BookableSlotsAsync"/>).</summary>
    public static async Task<(Service Service, IReadOnlyList<SlotAvailability> Slots)> SimpleConsultationAndSlotsAsync(this PortalFactory factory)
    {
        var service = await factory.SimpleConsultationAsync();
        return (service, await factory.BookableSlotsAsync(service));
    }
}
