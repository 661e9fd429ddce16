namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>Services that book practitioners, practitioners working every day, and rooms, written straight to the test database.</summary>
internal static class PractitionerSetup
{
    public static Service Service(string name, int minutes, int capacity, int before = 0, int after = 0) => new()
    {
        Name = name,
        DurationMinutes = minutes,
        TimeZoneId = "America/New_York",
        AvailableDays = DaysOfWeekMask.All,
        MinAdvanceBookingHours = 1,
        MaxActiveBookingsPerCustomer = 5,
        RequireDeposit = false,
        BooksPractitioners = true,
        BufferBeforeMinutes = before,
        BufferAfterMinutes = after,
        TimeSlots =
        [
            new TimeSlotTemplate { Start = new TimeOnly(10, 0), End = new TimeOnly(10, 0).AddMinutes(minutes), Capacity = capacity },
            new TimeSlotTemplate { Start = new TimeOnly(14, 0), End = new TimeOnly(14, 0).AddMinutes(minutes), Capacity = capacity },
        ],
    };

    /// <summary>An hour of physio at 10:30 only, bookable until it starts: it overlaps the 10:00 slot of an hour-long service.</summary>
    public static Service PhysioAtHalfPastTen()
    {
        var physio = Service("Physio", 60, 5);
        physio.MinAdvanceBookingHours = 0;
        physio.TimeSlots = [new TimeSlotTemplate { Start = new TimeOnly(10, 30), End = new TimeOnly(11, 30), Capacity = 5 }];
        return physio;
    }

    public static Practitioner WorkingEveryDay(string name, params Service[] performs) => new()
    {
        DisplayName = name,
        Services = performs.Select(s => new PractitionerService { ServiceId = s.Id }).ToList(),
        Hours = Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours { Day = d, Start = new TimeOnly(8, 0), End = new TimeOnly(18, 0) }).ToList(),
    };

    /// <summary>Adds the services first (the practitioners need their ids), then the practitioners.</summary>
    public static async Task<(Service[] Services, Practitioner[] Practitioners)> AddAsync(
        PortalFactory factory, Service[] services, Func<Service[], Practitioner[]> practitioners)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        db.Services.AddRange(services);
        await db.SaveChangesAsync();
        var added = practitioners(services);
        db.Practitioners.AddRange(added);
        await db.SaveChangesAsync();
        return (services, added);
    }

    /// <summary>The service's 10:00 slot (New York; 14:00 with <paramref name="afternoon"/>) three days after the factory's clock.</summary>
    public static DateTime SlotStart(PortalFactory factory, Service service, bool afternoon = false) =>
        SlotSchedule.ForDate(service, SlotSchedule.LocalToday(service, factory.Clock.GetUtcNow()).AddDays(3))[afternoon ? 1 : 0].StartUtc;
}
