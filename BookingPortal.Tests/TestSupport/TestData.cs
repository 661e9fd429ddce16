namespace BookingPortal.Tests.TestSupport;

public static class TestData
{
    /// <summary>Customers inserted straight into the user table: hashing hundreds of passwords would only slow the tests.</summary>
    public static async Task<IReadOnlyList<string>> CreateCustomersAsync(this PortalFactory factory, int count)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await CreateCustomersAsync(db, count);
    }

    public static async Task<IReadOnlyList<string>> CreateCustomersAsync(BookingDbContext db, int count)
    {
        // Confirmed, as a customer who can book is (Identity:RequireConfirmedEmail is on outside Development).
        var users = Enumerable.Range(0, count).Select(_ => ConfirmedCustomer.New($"customer-{Guid.NewGuid():N}@test.local")).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return users.Select(u => u.Id).ToList();
    }

    /// <summary>A customer who can sign in with a password (through Identity, as the Register page does).</summary>
    public static async Task<(string Id, string Email, string Password)> CreateSignInCustomerAsync(this PortalFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"person-{Guid.NewGuid():N}@test.local";
        const string password = "Test#Password2026";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        result.Succeeded.Should().BeTrue(string.Join(", ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Customer);
        return (user.Id, email, password);
    }

    /// <summary>The demo staff member, as staff services see the person acting.</summary>
    public static async Task<Features.Staff.StaffActor> StaffAsync(this PortalFactory factory, bool admin = false)
    {
        var email = admin ? DemoSeeder.AdminEmail : DemoSeeder.StaffEmail;
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return new Features.Staff.StaffActor(id, email, IsStaff: true, IsAdmin: admin);
    }

    /// <summary>A signed-in customer who tries a staff action.</summary>
    public static Features.Staff.StaffActor CustomerActor(string customerId) => new(customerId, "customer", IsStaff: false, IsAdmin: false);

    public static async Task<Service> ServiceNamedAsync(this PortalFactory factory, string name)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Services.AsNoTracking().Include(s => s.TimeSlots).SingleAsync(s => s.Name == name);
    }

    /// <summary>A new customer books the slot at <paramref name="startUtc"/>; the booking must succeed.</summary>
    public static async Task<Features.Bookings.BookingView> BookAsNewCustomerAsync(this PortalFactory factory, int serviceId, DateTime startUtc)
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var result = await factory.Get<Features.Booking.BookingService>()
            .ReserveAsync(new Features.Bookings.ReserveRequest(customer, serviceId, startUtc, Guid.NewGuid().ToString()));
        result.Succeeded.Should().BeTrue(result.Message);
        return result.Booking!;
    }

    /// <summary>A service by name and its bookable slots (see <see cref="BookableSlotsAsync"/>).</summary>
    public static async Task<(Service Service, IReadOnlyList<SlotAvailability> Slots)> ServiceAndSlotsAsync(this PortalFactory factory, string name)
    {
        var service = await factory.ServiceNamedAsync(name);
        return (service, await factory.BookableSlotsAsync(service));
    }

    /// <summary>A service by name and the first of its bookable slots.</summary>
    public static async Task<(Service Service, SlotAvailability Slot)> FirstBookableSlotAsync(this PortalFactory factory, string name)
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(name);
        return (service, slots[0]);
    }

    /// <summary>The bookable slots of a service as the catalogue shows them at the factory's current time.</summary>
    public static async Task<IReadOnlyList<SlotAvailability>> BookableSlotsAsync(this PortalFactory factory, Service service)
    {
        var catalog = factory.Get<CatalogService>();
        var (first, last) = BookingRules.BookableDates(service, factory.Clock.GetUtcNow().UtcDateTime);
        var slots = await catalog.GetSlotsAsync(service, first, last);
        return slots.Where(s => s.IsBookable).ToList();
    }
}
