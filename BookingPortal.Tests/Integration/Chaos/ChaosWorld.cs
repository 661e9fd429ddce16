namespace BookingPortal.Tests.Integration.Chaos;

/// <summary>
/// The small population a chaos run plays in: few seats, many customers, so nearly every
/// operation collides with another. Three services in UTC: one with an online deposit, one free
/// of deposit with single seats, and one sold through a waiting room (a release already open),
/// each with slots over the first three days of the run. Everything is named after the seed, so
/// a second portal instance on the same database finds the same world. Two more services book named practitioners
/// (a consultation, and a class of two seats per practitioner) at the same hours, given by three practitioners who
/// perform both, so "one person, one place" is contended across services.
/// </summary>
public sealed record ChaosWorld(
    int Seed, IReadOnlyList<string> Customers, string StaffId, IReadOnlyList<int> Services, IReadOnlyList<IReadOnlyList<DateTime>> Slots, IReadOnlyList<int> Practitioners)
{
    public const int CustomerCount = 40;
    public const int ServiceCount = 5;
    public const int SlotsPerService = 6;
    public const int PractitionerCount = 3;

    public const int DepositServiceIndex = 0;
    public const int ReleasedServiceIndex = 2;
    public const int FirstPractitionerServiceIndex = 3;

    /// <summary>The hours (UTC) of each service's slots, on each of the first three days: two a day, one hour each.</summary>
    private static readonly int[][] Hours = [[13, 17], [14, 18], [15, 19], [14, 18], [14, 18]];

    private static readonly string[] Kinds = ["deposit", "single", "released", "named", "class"];

    public DateTime SlotStart(int service, int slot) => Slots[service][slot];

    public static async Task<ChaosWorld> CreateAsync(IServiceProvider services, int seed, CancellationToken cancellationToken = default)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<BookingDbContext>>();
        var nowUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var everyDay = DaysOfWeekMask.All;
        Service NewService(string kind, int index, bool deposit, int capacity, int maxActive) => new()
        {
            Name = ServiceName(seed, kind),
            DurationMinutes = 60,
            Price = 120m,
            Currency = "USD",
            RequireDeposit = deposit,
            DepositAmount = deposit ? 50m : 0m,
            FreeCancellationHours = 6,
            // Moves allowed up to the fee window, as the editor lets a clinic choose: the run's slots lie within three days.
            ChangesAllowedUntilHours = 6,
            CancellationFee = 20m,
            NoShowGraceMinutes = 15,
            LocationKind = LocationKind.InPerson,
            Address = "1 Chaos Street",
            TimeZoneId = "Etc/UTC",
            AvailableDays = everyDay,
            MinAdvanceBookingHours = 0,
            MaxAdvanceBookingDays = 30,
            MaxActiveBookingsPerCustomer = maxActive,
            TimeSlots = Hours[index].Select(h => new TimeSlotTemplate { Days = everyDay, Start = new TimeOnly(h, 0), End = new TimeOnly(h + 1, 0), Capacity = capacity }).ToList(),
        };

        var created = new[]
        {
            NewService("deposit", 0, deposit: true, capacity: 3, maxActive: 2),
            NewService("single", 1, deposit: false, capacity: 1, maxActive: 2),
            NewService("released", 2, deposit: true, capacity: 3, maxActive: 1),
            NewService("named", 3, deposit: false, capacity: PractitionerCount, maxActive: 2),
            NewService("class", 4, deposit: true, capacity: 2 * PractitionerCount, maxActive: 2),
        };
        (created[3].BooksPractitioners, created[4].BooksPractitioners, created[4].SeatsPerPractitioner) = (true, true, 2);
        // The single-seat service requires staff approval, answered (or left to lapse) by the Approve, Decline and ApprovalLapse operations.
        (created[1].RequiresApproval, created[1].ApprovalHoldHours) = (true, 2);
        db.Services.AddRange(created);
        await db.SaveChangesAsync(cancellationToken);
        db.Releases.Add(new Release
        {
            ServiceId = created[ReleasedServiceIndex].Id,
            Name = $"Chaos {seed} release",
            OpensAtUtc = nowUtc.AddMinutes(-1),
            AdmissionWindowSeconds = 300,
            MaxConcurrentAdmissions = 6,
            AdmissionRatePerMinute = 30,
        });

        var users = Enumerable.Range(0, CustomerCount).Select(i => NewUser(CustomerEmail(seed, i))).ToList();
        var staff = NewUser(StaffEmail(seed));
        db.Users.AddRange(users.Append(staff));
        await db.SaveChangesAsync(cancellationToken);
        var staffRole = await db.Roles.Where(r => r.Name == Roles.Staff).Select(r => r.Id).SingleAsync(cancellationToken);
        var customerRole = await db.Roles.Where(r => r.Name == Roles.Customer).Select(r => r.Id).SingleAsync(cancellationToken);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = staff.Id, RoleId = staffRole });
        db.UserRoles.AddRange(users.Select(u => new IdentityUserRole<string> { UserId = u.Id, RoleId = customerRole }));
        await db.SaveChangesAsync(cancellationToken);
        db.Practitioners.AddRange(Enumerable.Range(0, PractitionerCount).Select(i => new Practitioner
        {
            DisplayName = PractitionerName(seed, i),
            Services = created.Where(s => s.BooksPractitioners).Select(s => new PractitionerService { ServiceId = s.Id }).ToList(),
            Hours = Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours { Day = d, Start = new TimeOnly(8, 0), End = new TimeOnly(22, 0) }).ToList(),
        }));
        await db.SaveChangesAsync(cancellationToken);
        return await LoadAsync(services, seed, cancellationToken);
    }

    /// <summary>The world <see cref="CreateAsync"/> made for this seed (on another instance, say).</summary>
    public static async Task<ChaosWorld> LoadAsync(IServiceProvider services, int seed, CancellationToken cancellationToken = default)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<BookingDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var emails = Enumerable.Range(0, CustomerCount).Select(i => CustomerEmail(seed, i).ToUpperInvariant()).ToList();
        var byEmail = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, cancellationToken);
        var staffEmail = StaffEmail(seed).ToUpperInvariant();
        var staffId = await db.Users.Where(u => u.NormalizedEmail == staffEmail).Select(u => u.Id).SingleAsync(cancellationToken);
        var names = Kinds.Select(kind => ServiceName(seed, kind)).ToList();
        var serviceIds = await db.Services.Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var releasedId = serviceIds[names[ReleasedServiceIndex]];
        var releaseOpensAt = await db.Releases.Where(r => r.ServiceId == releasedId).Select(r => r.OpensAtUtc!.Value).SingleAsync(cancellationToken);
        var firstDay = releaseOpensAt.AddMinutes(1).Date;
        var slots = Enumerable.Range(0, ServiceCount)
            .Select(s => (IReadOnlyList<DateTime>)Enumerable.Range(0, SlotsPerService)
                .Select(k => DateTime.SpecifyKind(firstDay.AddDays(k / 2).AddHours(Hours[s][k % 2]), DateTimeKind.Utc)).ToList())
            .ToList();
        var practitionerNames = Enumerable.Range(0, PractitionerCount).Select(i => PractitionerName(seed, i)).ToList();
        var practitioners = await db.Practitioners.Where(p => practitionerNames.Contains(p.DisplayName)).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        return new ChaosWorld(seed, emails.Select(e => byEmail[e]).ToList(), staffId, names.Select(n => serviceIds[n]).ToList(), slots, practitioners);
    }

    private static string PractitionerName(int seed, int index) => $"Chaos {seed} practitioner {index}";

    private static string ServiceName(int seed, string kind) => $"Chaos {seed} {kind}";

    private static string CustomerEmail(int seed, int index) => $"chaos-{seed}-{index}@test.local";

    private static string StaffEmail(int seed) => $"chaos-{seed}-staff@test.local";

    /// <summary>Inserted straight into the user table: hashing passwords would only slow the run, and nobody signs in.</summary>
    private static ApplicationUser NewUser(string email) => new()
    {
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        SecurityStamp = Guid.NewGuid().ToString(),
    };
}
