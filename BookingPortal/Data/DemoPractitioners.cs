namespace BookingPortal.Data;

/// <summary>
/// The three specialists who give the demo's <see cref="DemoSeeder.ConsultationName"/>, each on two of its clinic
/// days (so every clinic day has two of them), and one of them on holiday the week after the demo is first seeded:
/// the demo shows a named-practitioner service beside the simple-capacity ones, and time off at work.
/// </summary>
internal static class DemoPractitioners
{
    public const string CardiologistName = "Dr. Amara Okafor";
    public const string EndocrinologistName = "Dr. Luis Ortega";
    public const string NeurologistName = "Dr. Mei Chen";
    public const string HolidayReason = "Holiday";

    public static async Task EnsureAsync(BookingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var consultation = await db.Services.SingleAsync(s => s.Name == DemoSeeder.ConsultationName, cancellationToken);
        var existing = await db.Practitioners.Select(p => p.DisplayName).ToListAsync(cancellationToken);
        var nextMonday = NextMonday(SlotSchedule.LocalToday(consultation, time.GetUtcNow()));
        foreach (var practitioner in Specialists(consultation.Id, nextMonday).Where(p => !existing.Contains(p.DisplayName)))
        {
            db.Practitioners.Add(practitioner);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The Monday of the week after the one <paramref name="localToday"/> falls in (weeks start on Monday).</summary>
    public static DateOnly NextMonday(DateOnly localToday)
    {
        var daysAfterMonday = ((int)localToday.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7;
        return localToday.AddDays(7 - daysAfterMonday);
    }

    private static IEnumerable<Practitioner> Specialists(int consultationId, DateOnly nextMonday)
    {
        yield return Specialist(CardiologistName, "Cardiologist", "en,fr", consultationId, DayOfWeek.Monday, DayOfWeek.Wednesday);
        yield return Specialist(EndocrinologistName, "Endocrinologist", "en,es", consultationId, DayOfWeek.Wednesday, DayOfWeek.Friday);
        var away = Specialist(NeurologistName, "Neurologist", "en,zh", consultationId, DayOfWeek.Monday, DayOfWeek.Friday);
        away.Exceptions.Add(new AvailabilityException
        {
            Kind = AvailabilityExceptionKind.TimeOff,
            StartLocal = nextMonday.ToDateTime(TimeOnly.MinValue),
            EndLocal = nextMonday.AddDays(7).ToDateTime(TimeOnly.MinValue),
            Reason = HolidayReason,
        });
        yield return away;
    }

    /// <summary>Works the consultation's hours (09:00 to 11:00 and 14:00 to 16:00, New York time) on the two days given.</summary>
    private static Practitioner Specialist(string name, string title, string languages, int consultationId, params DayOfWeek[] days) => new()
    {
        DisplayName = name,
        Title = title,
        Languages = languages,
        Bio = $"{title} seeing patients for the specialist consultation.",
        Services = [new PractitionerService { ServiceId = consultationId }],
        Hours = days.SelectMany(day => new[]
        {
            new WorkingHours { Day = day, Start = new TimeOnly(9, 0), End = new TimeOnly(11, 0) },
            new WorkingHours { Day = day, Start = new TimeOnly(14, 0), End = new TimeOnly(16, 0) },
        }).ToList(),
    };
}
