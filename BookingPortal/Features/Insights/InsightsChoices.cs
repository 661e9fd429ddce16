using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Insights;

/// <summary>What the Insights pages let staff choose from: services, and the openings of their releases.</summary>
[ScopedService]
public sealed class InsightsChoices(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    public const int MaxOpenings = 50;

    public async Task<IReadOnlyList<InsightsService>> ServicesAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Services.AsNoTracking().OrderBy(s => s.Name).Select(s => new InsightsService(s.Id, s.Name, s.TimeZoneId)).ToListAsync(cancellationToken);
    }

    /// <summary>The openings that have started (for anyone), newest first: a live one heads the list.</summary>
    public async Task<IReadOnlyList<OpeningChoice>> OpeningsAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Openings(db).Where(o => o.EarlyOpensAtUtc <= nowUtc).OrderByDescending(o => o.OpensAtUtc).Take(MaxOpenings).ToListAsync(cancellationToken);
        return rows.Select(o => o.Choice).ToList();
    }

    internal static IQueryable<OpeningRow> Openings(BookingDbContext db) =>
        db.ReleaseOpenings.AsNoTracking()
            .Join(db.Releases, o => o.ReleaseId, r => r.Id, (o, r) => new { o, r })
            .Join(db.Services, x => x.r.ServiceId, s => s.Id, (x, s) => new OpeningRow
            {
                OpeningId = x.o.Id,
                ReleaseName = x.r.Name,
                ServiceId = s.Id,
                ServiceName = s.Name,
                TimeZoneId = s.TimeZoneId,
                OpensAtUtc = x.o.OpensAtUtc,
                EarlyOpensAtUtc = x.o.EarlyOpensAtUtc,
            });

    /// <summary>Built by member initialisation (not a constructor) so EF can still filter and sort on its members.</summary>
    internal sealed class OpeningRow
    {
        public long OpeningId { get; init; }
        public required string ReleaseName { get; init; }
        public int ServiceId { get; init; }
        public required string ServiceName { get; init; }
        public required string TimeZoneId { get; init; }
        public DateTime OpensAtUtc { get; init; }
        public DateTime EarlyOpensAtUtc { get; init; }

        public OpeningChoice Choice => new(OpeningId, ReleaseName, ServiceId, ServiceName, TimeZoneId, OpensAtUtc);
    }
}
