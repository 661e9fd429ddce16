using BookingPortal.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Data;

/// <summary>The demo services and accounts of the README. Looks things up by name first, so it can run on every start.</summary>
internal sealed class DemoSeeder(IDbContextFactory<BookingDbContext> dbFactory, UserManager<ApplicationUser> users)
{
    public const string AdminEmail = "admin@bookingportal.local";
    public const string AdminPassword = "Admin#Portal2026";
    public const string StaffEmail = "staff@bookingportal.local";
    public const string StaffPassword = "Staff#Portal2026";
    public const string CustomerEmail = "customer@bookingportal.local";
    public const string CustomerPassword = "Customer#Portal2026";

    public const string ConsultationName = "Specialist Consultation";
    public const string VideoConsultationName = "Video Follow-up";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Services.Select(s => s.Name).ToListAsync(cancellationToken);
        foreach (var service in DemoServices().Where(s => !existing.Contains(s.Name)))
        {
            db.Services.Add(service);
        }

        await db.SaveChangesAsync(cancellationToken);

        await EnsureUserAsync(AdminEmail, AdminPassword, "Avery Admin", Roles.Admin, Roles.Staff);
        await EnsureUserAsync(StaffEmail, StaffPassword, "Sam Reception", Roles.Staff);
        await EnsureUserAsync(CustomerEmail, CustomerPassword, "Casey Customer", Roles.Customer);
    }

    public static IEnumerable<Service> DemoServices()
    {
        var clinicDays = DaysOfWeekMaskExtensions.From(DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday);
        yield return new Service
        {
            Name = ConsultationName,
            Description = "A one-hour consultation with a specialist. Bring your referral letter and any recent test results.",
            DurationMinutes = 60,
            Price = 200m,
            Currency = "USD",
            LocationKind = LocationKind.InPerson,
            Address = "Suite 400, 350 Fifth Avenue, New York, NY 10118",
            TimeZoneId = "America/New_York",
            AvailableDays = clinicDays,
            TimeSlots =
            [
                Hour(clinicDays, 9, 5),
                Hour(clinicDays, 10, 5),
                Hour(clinicDays, 14, 5),
                Hour(clinicDays, 15, 5),
            ],
        };

        var weekdays = DaysOfWeekMask.Weekdays;
        yield return new Service
        {
            Name = VideoConsultationName,
            Description = "A 30-minute follow-up by video call. The link is on your confirmation.",
            DurationMinutes = 30,
            Price = 80m,
            Currency = "USD",
            LocationKind = LocationKind.Virtual,
            VideoLink = "https://meet.bookingportal.example/room/follow-up",
            TimeZoneId = "America/New_York",
            AvailableDays = weekdays,
            RequireDeposit = false,
            DepositAmount = 0m,
            MaxActiveBookingsPerCustomer = 2,
            TimeSlots =
            [
                new TimeSlotTemplate { Days = weekdays, Start = new TimeOnly(11, 0), End = new TimeOnly(11, 30), Capacity = 1 },
                new TimeSlotTemplate { Days = weekdays, Start = new TimeOnly(11, 30), End = new TimeOnly(12, 0), Capacity = 1 },
                new TimeSlotTemplate { Days = weekdays, Start = new TimeOnly(16, 0), End = new TimeOnly(16, 30), Capacity = 1 },
            ],
        };
    }

    private static TimeSlotTemplate Hour(DaysOfWeekMask days, int startHour, int capacity) =>
        new() { Days = days, Start = new TimeOnly(startHour, 0), End = new TimeOnly(startHour + 1, 0), Capacity = capacity };

    private async Task EnsureUserAsync(string email, string password, string displayName, params string[] roles)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Could not seed {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
        }

        foreach (var role in roles)
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                await users.AddToRoleAsync(user, role);
            }
        }
    }
}
