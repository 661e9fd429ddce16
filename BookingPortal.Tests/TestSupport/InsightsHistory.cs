namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A small history with known answers for the Insights figures, written straight into the tables of a service of its own
/// ("Insights Clinic", New York time), as of <see cref="PortalFactory.DefaultNow"/> (Monday 2 March 2026):
/// week of 16 Feb: Wed 09:00 (New York) 3 completed, 1 no-show, 1 cancelled with the fee kept, its slot full;
/// Fri 19:30 (Saturday 00:30 UTC) 1 no-show. Week of 23 Feb: Mon 09:00 2 confirmed, 1 confirmed and moved there, 1 cancelled free.
/// Week of 2 Mar: Wed 4 Mar 09:00, 4 confirmed (three made during the opening). Waitlist for 18 Feb: offered, claimed,
/// lapsed, and one still waiting. The opening on Mon 23 Feb 09:00 New York (14:00 UTC) had five people in line.
/// </summary>
public static class InsightsHistory
{
    public const string ServiceName = "Insights Clinic";
    public static readonly DateTime OpensAtUtc = new(2026, 2, 23, 14, 0, 0, DateTimeKind.Utc);
    public const string DrawSeed = "5eed0f1a5e4d00d5c0ffee0ddba11b0b";

    public static async Task<(int ServiceId, long OpeningId)> SeedAsync(PortalFactory factory)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await SeedAsync(db, TimeSpan.Zero);
    }

    /// <param name="shift">Whole weeks to move the history by (weekdays stay), for a portal whose clock is not the tests' fake one.</param>
    public static async Task<(int ServiceId, long OpeningId)> SeedAsync(BookingDbContext db, TimeSpan shift)
    {
        var customers = await TestData.CreateCustomersAsync(db, 16);
        DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc) + shift;
        var opensAtUtc = OpensAtUtc + shift;
        var service = new Service { Name = ServiceName, TimeZoneId = "America/New_York", DurationMinutes = 60, Price = 100m, AvailableDays = DaysOfWeekMask.Weekdays };
        db.Services.Add(service);
        await db.SaveChangesAsync();

        var next = 0;
        var bookings = new List<Booking>();
        async Task<Booking[]> Book(DateTime startUtc, int capacity, params (BookingStatus Status, DateTime CreatedAtUtc)[] rows)
        {
            var slot = new SlotInventory { ServiceId = service.Id, StartUtc = startUtc, EndUtc = startUtc.AddHours(1), Capacity = capacity, Booked = rows.Count(r => r.Status == BookingStatus.Confirmed) };
            db.SlotInventories.Add(slot);
            await db.SaveChangesAsync();
            var made = rows.Select(r => new Booking
            {
                Id = Guid.NewGuid(), ConfirmationNumber = $"INS{next:D5}", CustomerId = customers[next++ % customers.Count], ServiceId = service.Id,
                SlotInventoryId = slot.Id, StartUtc = startUtc, EndUtc = startUtc.AddHours(1), Status = r.Status, CreatedAtUtc = r.CreatedAtUtc,
                CancelledAtUtc = r.Status == BookingStatus.Cancelled ? startUtc.AddDays(-1) : null, Price = 100m, Currency = "USD", IdempotencyKey = Guid.NewGuid().ToString(),
            }).ToArray();
            bookings.AddRange(made);
            return made;
        }

        var early = Utc(2026, 2, 1, 12);
        var wednesday = await Book(Utc(2026, 2, 18, 14), 4,
            (BookingStatus.Completed, early), (BookingStatus.Completed, early), (BookingStatus.Completed, early), (BookingStatus.NoShow, early), (BookingStatus.Cancelled, early));
        await Book(Utc(2026, 2, 21, 0, 30), 1, (BookingStatus.NoShow, early));
        var monday = await Book(Utc(2026, 2, 23, 14), 5,
            (BookingStatus.Confirmed, early), (BookingStatus.Confirmed, early), (BookingStatus.Confirmed, early), (BookingStatus.Cancelled, early));
        monday[2].MovedAtUtc = Utc(2026, 2, 10, 12);
        await Book(Utc(2026, 3, 4, 14), 5,
            (BookingStatus.Confirmed, opensAtUtc.AddMinutes(1)), (BookingStatus.Confirmed, opensAtUtc.AddMinutes(3)),
            (BookingStatus.Confirmed, opensAtUtc.AddMinutes(7)), (BookingStatus.Confirmed, opensAtUtc.AddHours(-2)));
        db.Bookings.AddRange(bookings);
        await db.SaveChangesAsync();
        // The counter of that Wednesday stayed at its capacity after the visits: a fully booked slot.
        var fullSlotUtc = Utc(2026, 2, 18, 14);
        await db.SlotInventories.Where(s => s.ServiceId == service.Id && s.StartUtc == fullSlotUtc).ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, 4));

        db.LedgerEntries.Add(LedgerEntry.For(wednesday[4].Id, "USD", LedgerEntryKind.CancellationFeeRetained, 25m, early, "late cancellation"));
        var feb18 = DateOnly.FromDateTime(Utc(2026, 2, 18, 12));
        foreach (var (status, i) in new[] { WaitlistStatus.Offered, WaitlistStatus.Claimed, WaitlistStatus.Expired, WaitlistStatus.Waiting }.Select((s, i) => (s, i)))
        {
            db.WaitlistEntries.Add(new WaitlistEntry { CustomerId = customers[i], ServiceId = service.Id, LocalDate = feb18, Status = status, CreatedAtUtc = early });
        }

        await db.SaveChangesAsync();
        return (service.Id, await SeedOpeningAsync(db, service.Id, customers, opensAtUtc));
    }

    /// <summary>
    /// Waits from the doors (or a later arrival) to admission: 10 s, 10 s, 2 min, 3 min 30 s. One lapsed turn, one person gave up.
    /// The two who joined ahead were asked for a proof of work: the first proved it, the one who gave up never did. The draw verifies.
    /// </summary>
    private static async Task<long> SeedOpeningAsync(BookingDbContext db, int serviceId, IReadOnlyList<string> customers, DateTime opensAtUtc)
    {
        var release = new Release { ServiceId = serviceId, Name = "Monday opening", OpensAtUtc = opensAtUtc };
        db.Releases.Add(release);
        await db.SaveChangesAsync();
        var opening = new ReleaseOpening { ReleaseId = release.Id, OpensAtUtc = opensAtUtc, EarlyOpensAtUtc = opensAtUtc, Seed = DrawSeed, EarlyDrawn = true, PublicDrawn = true, LastSequence = 5 };
        db.ReleaseOpenings.Add(opening);
        await db.SaveChangesAsync();
        DateTime At(int minutes, int seconds = 0) => opensAtUtc.AddMinutes(minutes).AddSeconds(seconds);
        (DateTime Joined, QueueEntryStatus Status, DateTime? Admitted, DateTime? Finished)[] entries =
        [
            (At(-5), QueueEntryStatus.Completed, At(0, 10), At(2)),
            (At(-2), QueueEntryStatus.Expired, At(0, 10), At(5, 10)),
            (At(1, 30), QueueEntryStatus.Completed, At(3, 30), At(4)),
            (At(2), QueueEntryStatus.Left, null, At(4)),
            (At(2, 30), QueueEntryStatus.Completed, At(6), At(7)),
        ];
        db.QueueEntries.AddRange(entries.Select((e, i) => new QueueEntry
        {
            OpeningId = opening.Id, CustomerId = customers[10 + i], JoinedAtUtc = e.Joined, Sequence = i + 1, Status = e.Status,
            AdmittedAtUtc = e.Admitted, ExpiresAtUtc = e.Admitted?.AddMinutes(5), FinishedAtUtc = e.Finished,
            ProofDifficulty = i is 0 or 3 ? 16 : 0, ProofPending = i == 3,
        }));
        await db.SaveChangesAsync();
        return opening.Id;
    }
}
