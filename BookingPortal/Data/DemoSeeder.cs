using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Data;

/// <summary>
/// The demo services and accounts of the README. Looks things up by name first, so it can run on
/// every start; an account's roles are given once, when the seeder creates it, so a role staff took
/// away stays away after a restart.
/// </summary>
internal sealed class DemoSeeder(IDbContextFactory<BookingDbContext> dbFactory, UserManager<ApplicationUser> users, TimeProvider time)
{
    public const string AdminEmail = "admin@bookingportal.local";
    public const string AdminPassword = "Admin#Portal2026";
    public const string StaffEmail = "staff@bookingportal.local";
    public const string StaffPassword = "Staff#Portal2026";
    public const string CustomerEmail = "customer@bookingportal.local";
    public const string CustomerPassword = "Customer#Portal2026";

    public const string ConsultationName = "Specialist Consultation";
    public const string VideoConsultationName = "Video Follow-up";
    public const string WeeklyClinicName = "Dermatology Clinic";
    public const string VipAudienceName = "VIP";

    // Every demo service is in New York and priced in the default currency (USD).
    private const string NewYork = "America/New_York";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Services.Select(s => s.Name).ToListAsync(cancellationToken);
        foreach (var service in DemoServices().Where(s => !existing.Contains(s.Name)))
        {
            db.Services.Add(service);
        }

        await db.SaveChangesAsync(cancellationToken);
        await DemoPractitioners.EnsureAsync(db, time, cancellationToken);

        await EnsureUserAsync(AdminEmail, AdminPassword, "Avery Admin", Roles.Admin, Roles.Staff);
        await EnsureUserAsync(StaffEmail, StaffPassword, "Sam Reception", Roles.Staff);
        await EnsureUserAsync(CustomerEmail, CustomerPassword, "Casey Customer", Roles.Customer);
        await EnsureWeeklyReleaseAsync(db, cancellationToken);
    }

    /// <summary>
    /// The brief's weekly release: the dermatology clinic opens every Monday at 09:00 New York time
    /// through the waiting room (10 minutes to book, 50 at a time, 20 a minute), with the VIP
    /// audience (the demo customer) let in 15 minutes early.
    /// </summary>
    private static async Task EnsureWeeklyReleaseAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var clinicId = await db.Services.Where(s => s.Name == WeeklyClinicName).Select(s => s.Id).SingleAsync(cancellationToken);
        if (await db.Releases.AnyAsync(r => r.ServiceId == clinicId, cancellationToken))
        {
            return;
        }

        var vip = await db.Audiences.FirstOrDefaultAsync(a => a.Name == VipAudienceName, cancellationToken) ?? db.Audiences.Add(new Audience { Name = VipAudienceName }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        var customerId = await db.Users.Where(u => u.Email == CustomerEmail).Select(u => u.Id).SingleAsync(cancellationToken);
        if (!await db.AudienceMembers.AnyAsync(m => m.AudienceId == vip.Id && m.UserId == customerId, cancellationToken))
        {
            db.AudienceMembers.Add(new AudienceMember { AudienceId = vip.Id, UserId = customerId });
        }

        db.Releases.Add(new Release
        {
            ServiceId = clinicId,
            Name = "Monday 09:00 weekly release",
            RecurringDays = DaysOfWeekMask.Monday,
            RecurringLocalTime = new TimeOnly(9, 0),
            EarlyAccessAudienceId = vip.Id,
            EarlyAccessMinutes = 15,
            AdmissionWindowSeconds = 600,
            MaxConcurrentAdmissions = 50,
            AdmissionRatePerMinute = 20,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public static IEnumerable<Service> DemoServices()
    {
        var clinicDays = DaysOfWeekMaskExtensions.From(DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday);
        yield return WithWeek(new Service
        {
            Name = ConsultationName,
            Description = "A one-hour consultation with a specialist. Bring your referral letter and any recent test results.",
            Price = 200m,
            LocationKind = LocationKind.InPerson,
            Address = "Suite 400, 350 Fifth Avenue, New York, NY 10118",
            TimeZoneId = NewYork,
            // Given by the named specialists (DemoPractitioners): a slot's seats are the specialists free then, the
            // template's capacity only a ceiling no clinic day reaches.
            BooksPractitioners = true,
        }, clinicDays, minutes: 60, capacity: 3, new(9, 0), new(10, 0), new(14, 0), new(15, 0));

        yield return WithWeek(new Service
        {
            Name = VideoConsultationName,
            Description = "A 30-minute follow-up by video call. The link is on your confirmation.",
            Price = 80m,
            LocationKind = LocationKind.Virtual,
            VideoLink = "https://meet.bookingportal.example/room/follow-up",
            TimeZoneId = NewYork,
            RequireDeposit = false,
            DepositAmount = 0m,
        }, DaysOfWeekMask.Weekdays, minutes: 30, capacity: 1, new(11, 0), new(11, 30), new(16, 0));

        yield return WithWeek(new Service
        {
            Name = WeeklyClinicName,
            Description = "Scarce dermatology appointments. Booking opens every Monday at 09:00 New York time through a waiting room.",
            Price = 150m,
            LocationKind = LocationKind.InPerson,
            Address = "Suite 410, 350 Fifth Avenue, New York, NY 10118",
            TimeZoneId = NewYork,
            MaxActiveBookingsPerCustomer = 1,
        }, DaysOfWeekMask.Weekdays, minutes: 30, capacity: 2, new(13, 0), new(13, 30));
    }

    /// <summary>A demo service's week: open on <paramref name="days"/>, with slots as long as the service at <paramref name="starts"/>.</summary>
    private static Service WithWeek(Service service, DaysOfWeekMask days, int minutes, int capacity, params TimeOnly[] starts)
    {
        service.DurationMinutes = minutes;
        service.AvailableDays = days;
        service.TimeSlots = [.. starts.Select(start => new TimeSlotTemplate { Days = days, Start = start, End = start.AddMinutes(minutes), Capacity = capacity })];
        return service;
    }

    private async Task EnsureUserAsync(string email, string password, string displayName, params string[] roles)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not seed {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRolesAsync(user, roles);
    }
}
