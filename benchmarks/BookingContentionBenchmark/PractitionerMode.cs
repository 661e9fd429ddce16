using BookingPortal.Data;
using BookingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BookingContentionBenchmark;

/// <summary>
/// The same seats as the simple service, given by named practitioners instead: a class-like service where
/// <see cref="Practitioners"/> practitioners, working all day, give an equal share of each slot's seats. Every
/// booking then takes the practitioners' row locks (all of them for "any available", one when named) and reads
/// their appointments before the slot counter: the cost of "who as well as when".
/// </summary>
internal static class PractitionerMode
{
    public const int Practitioners = 5;

    /// <summary>Gives an existing service to <see cref="Practitioners"/> practitioners sharing its seats; returns their ids.</summary>
    public static async Task<int[]> StaffAsync(IDbContextFactory<BookingDbContext> dbFactory, int serviceId, int capacityPerSlot)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var seatsEach = Math.Max(1, (int)Math.Ceiling(capacityPerSlot / (double)Practitioners));
        await db.Services.Where(s => s.Id == serviceId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.BooksPractitioners, true).SetProperty(x => x.SeatsPerPractitioner, seatsEach));
        var staff = Enumerable.Range(1, Practitioners).Select(i => new Practitioner
        {
            DisplayName = $"Bench practitioner {i}",
            Services = [new PractitionerService { ServiceId = serviceId }],
            Hours = Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours { Day = d, Start = TimeOnly.MinValue, End = new TimeOnly(23, 59) }).ToList(),
        }).ToList();
        db.Practitioners.AddRange(staff);
        await db.SaveChangesAsync();
        return staff.Select(p => p.Id).ToArray();
    }

    /// <summary>Half the customers name a practitioner at random, half take any available.</summary>
    public static int? Choice(Random random, int[] practitionerIds) =>
        practitionerIds.Length == 0 || random.Next(2) == 0 ? null : practitionerIds[random.Next(practitionerIds.Length)];
}
