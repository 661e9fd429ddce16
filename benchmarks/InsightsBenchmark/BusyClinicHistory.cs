using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace InsightsBenchmark;

/// <summary>
/// A year of a busy clinic, written straight into the tables: weekday slots every 30 minutes from 08:00 to 18:00 New York
/// time for the last 52 weeks and the next 4, about 36 appointments each (200,000 in all), with realistic outcomes; waitlist
/// entries; and a Monday 09:00 opening every week with its queue (the latest one large). One appointment in 33 was moved: its
/// "rescheduled" notice is in the outbox and the move is stamped on it.
/// </summary>
public static class BusyClinicHistory
{
    public const string ServiceName = "Busy Clinic";

    /// <summary>Openings' seeds are hex, as the portal makes them (the opening page checks each draw).</summary>
    public const string DrawSeed = "be9c4c11a1c0be9c4c11a1c0be9c4c11";
    public const int Bookings = 200_000;
    public const int Customers = 5_000;
    public const int QueuePerOpening = 300;
    public const int QueueLatestOpening = 5_000;

    public static async Task<(int ServiceId, long LatestOpeningId)> SeedAsync(IDbContextFactory<BookingDbContext> dbFactory, DateTime nowUtc)
    {
        var random = new Random(2026);
        var zone = TimeZoneCache.Find("America/New_York");
        var customers = await CustomersAsync(dbFactory);
        int serviceId;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var service = new Service { Name = ServiceName, TimeZoneId = "America/New_York", DurationMinutes = 30, Price = 80m, AvailableDays = DaysOfWeekMask.Weekdays, MaxAdvanceBookingDays = 28 };
            db.Services.Add(service);
            await db.SaveChangesAsync();
            serviceId = service.Id;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var slotStarts = Enumerable.Range(-52 * 7, 56 * 7).Select(monday.AddDays)
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .SelectMany(d => Enumerable.Range(0, 20).Select(i => TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(new TimeOnly(8, 0)).AddMinutes(30 * i), zone)))
            .ToList();
        var perSlot = Bookings / slotStarts.Count;
        var extra = Bookings - perSlot * slotStarts.Count;
        for (var chunk = 0; chunk < slotStarts.Count; chunk += 200)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var slots = slotStarts.Skip(chunk).Take(200).Select((start, i) => (Start: start, Count: perSlot + (chunk + i < extra ? 1 : 0))).ToList();
            var inventories = slots.Select(s => new SlotInventory { ServiceId = serviceId, StartUtc = s.Start, EndUtc = s.Start.AddMinutes(30), Capacity = s.Count + random.Next(0, 4) }).ToList();
            db.SlotInventories.AddRange(inventories);
            await db.SaveChangesAsync();
            foreach (var (inventory, count) in inventories.Zip(slots.Select(s => s.Count)))
            {
                AddAppointments(db, random, customers, inventory, count, nowUtc);
            }

            await db.SaveChangesAsync();
        }

        await AddWaitlistAsync(dbFactory, random, customers, serviceId, monday);
        return (serviceId, await AddOpeningsAsync(dbFactory, random, customers, serviceId, monday, zone, nowUtc));
    }

    private static void AddAppointments(BookingDbContext db, Random random, IReadOnlyList<string> customers, SlotInventory slot, int count, DateTime nowUtc)
    {
        var held = 0;
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var past = slot.StartUtc < nowUtc;
            var status = roll < 0.12 ? BookingStatus.Cancelled : !past ? BookingStatus.Confirmed : roll < 0.18 ? BookingStatus.NoShow : roll < 0.2 ? BookingStatus.Confirmed : BookingStatus.Completed;
            held += status is BookingStatus.Confirmed or BookingStatus.NoShow or BookingStatus.Completed ? 1 : 0;
            // A third are booked in the Monday opening of the week before, minutes after the doors; the rest earlier.
            var created = random.Next(3) == 0 ? slot.StartUtc.AddDays(-7 - random.Next(0, 5)).Date.AddHours(14).AddMinutes(random.Next(0, 45)) : slot.StartUtc.AddDays(-random.Next(2, 28));
            var booking = new Booking
            {
                Id = Guid.NewGuid(), ConfirmationNumber = Guid.NewGuid().ToString("N")[..16], CustomerId = customers[random.Next(customers.Count)], ServiceId = slot.ServiceId,
                SlotInventoryId = slot.Id, StartUtc = slot.StartUtc, EndUtc = slot.EndUtc, Status = status, CreatedAtUtc = DateTime.SpecifyKind(created, DateTimeKind.Utc),
                CancelledAtUtc = status == BookingStatus.Cancelled ? slot.StartUtc.AddDays(-1) : null, Price = 80m, DepositAmount = 50m, Currency = "USD", IdempotencyKey = Guid.NewGuid().ToString("N"),
            };
            db.Bookings.Add(booking);
            if (status == BookingStatus.Cancelled && random.Next(3) == 0)
            {
                db.LedgerEntries.Add(LedgerEntry.For(booking.Id, "USD", LedgerEntryKind.CancellationFeeRetained, 25m, booking.CancelledAtUtc!.Value, "late"));
            }

            if (random.Next(33) == 0)
            {
                booking.MovedAtUtc = booking.CreatedAtUtc;
                db.OutboxMessages.Add(new OutboxMessage
                {
                    EventKey = $"rescheduled:{booking.Id}", Kind = NotificationKind.Rescheduled, Channel = NotificationChannel.Email, BookingId = booking.Id,
                    Recipient = "someone@test.local", Subject = "Moved", TextBody = "Moved", CreatedAtUtc = booking.CreatedAtUtc, NextAttemptAtUtc = booking.CreatedAtUtc, Status = OutboxStatus.Sent,
                });
            }
        }

        slot.Booked = Math.Min(held, slot.Capacity);
        db.Entry(slot).Property(s => s.Booked).IsModified = true;
    }

    private static async Task<IReadOnlyList<string>> CustomersAsync(IDbContextFactory<BookingDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var users = Enumerable.Range(0, Customers).Select(i => new ApplicationUser
        {
            UserName = $"busy-{i}@test.local", NormalizedUserName = $"BUSY-{i}@TEST.LOCAL", Email = $"busy-{i}@test.local", NormalizedEmail = $"BUSY-{i}@TEST.LOCAL", SecurityStamp = Guid.NewGuid().ToString(),
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return users.Select(u => u.Id).ToList();
    }

    private static async Task AddWaitlistAsync(IDbContextFactory<BookingDbContext> dbFactory, Random random, IReadOnlyList<string> customers, int serviceId, DateOnly monday)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        WaitlistStatus[] statuses = [WaitlistStatus.Waiting, WaitlistStatus.Offered, WaitlistStatus.Claimed, WaitlistStatus.Expired, WaitlistStatus.Left];
        db.WaitlistEntries.AddRange(Enumerable.Range(0, 20_000).Select(_ => new WaitlistEntry
        {
            CustomerId = customers[random.Next(customers.Count)], ServiceId = serviceId, LocalDate = monday.AddDays(random.Next(-364, 28)),
            Status = statuses[random.Next(statuses.Length)], CreatedAtUtc = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
    }

    private static async Task<long> AddOpeningsAsync(IDbContextFactory<BookingDbContext> dbFactory, Random random, IReadOnlyList<string> customers, int serviceId, DateOnly monday, TimeZoneInfo zone, DateTime nowUtc)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var release = new Release { ServiceId = serviceId, Name = "Monday 09:00", RecurringDays = DaysOfWeekMask.Monday, RecurringLocalTime = new TimeOnly(9, 0) };
        db.Releases.Add(release);
        await db.SaveChangesAsync();
        long latest = 0;
        for (var week = -52; week <= 0; week++)
        {
            var opensUtc = TimeZoneInfo.ConvertTimeToUtc(monday.AddDays(7 * week).ToDateTime(new TimeOnly(9, 0)), zone);
            if (opensUtc > nowUtc)
            {
                continue;
            }

            var opening = new ReleaseOpening { ReleaseId = release.Id, OpensAtUtc = opensUtc, EarlyOpensAtUtc = opensUtc, Seed = DrawSeed, EarlyDrawn = true, PublicDrawn = true };
            db.ReleaseOpenings.Add(opening);
            await db.SaveChangesAsync();
            latest = opening.Id;
            var size = week == 0 ? QueueLatestOpening : QueuePerOpening;
            db.QueueEntries.AddRange(Enumerable.Range(0, size).Select(i =>
            {
                var joined = opensUtc.AddSeconds(random.Next(-600, 1200));
                var admitted = opensUtc.AddSeconds(Math.Max(0, (joined - opensUtc).TotalSeconds) + random.Next(5, 1800));
                var lapsed = random.Next(8) == 0;
                return new QueueEntry
                {
                    OpeningId = opening.Id, CustomerId = customers[i % customers.Count], JoinedAtUtc = joined, Sequence = i + 1,
                    Status = lapsed ? QueueEntryStatus.Expired : QueueEntryStatus.Completed, AdmittedAtUtc = admitted, ExpiresAtUtc = admitted.AddMinutes(5),
                    FinishedAtUtc = lapsed ? admitted.AddMinutes(5) : admitted.AddSeconds(random.Next(20, 280)),
                };
            }));
            await db.SaveChangesAsync();
        }

        return latest;
    }
}
