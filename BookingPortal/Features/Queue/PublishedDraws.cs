namespace BookingPortal.Features.Queue;

/// <summary>One draw of an opening as published: its entry codes in the order they counted, and in the order drawn.</summary>
/// <param name="Name">A machine value, stable for verifiers and the API (<see cref="EarlyAccess"/> or <see cref="Public"/>); pages show their own words.</param>
public sealed record PublishedDrawPhase(string Name, IReadOnlyList<string> Entries, IReadOnlyList<string> Order)
{
    /// <summary>The draw among an early-access audience, held before the public one.</summary>
    public const string EarlyAccess = "early access";

    /// <summary>The draw among everyone who joined before the public opening.</summary>
    public const string Public = "public";
}

/// <summary>What anyone may know about an opening's draw: the commitment always, the seed and the draws once drawn.</summary>
public sealed record PublishedDraw(long OpeningId, int ServiceId, DateTime OpensAtUtc, string Commitment, string? Seed, IReadOnlyList<PublishedDrawPhase> Draws)
{
    public bool Drawn => Seed is not null;

    /// <summary>The server's own check of what it published, as the verifier would do it.</summary>
    public DrawCheck? Check => Seed is { } seed ? PublicDraw.Verify(Commitment, seed, Draws.Select(d => (d.Entries, d.Order))) : null;
}

/// <summary>A queue entry's receipt: its public code and the place it was drawn at (null before the draw).</summary>
public sealed record DrawReceipt(string Code, long? Place);

/// <summary>
/// Publishes openings' draws. The order shown is read from the places actually given (each entry's
/// <see cref="QueueEntry.DrawPlace"/>), not recomputed, so the check compares the queue with the seed.
/// </summary>
[ScopedService]
public sealed class PublishedDraws(IDbContextFactory<BookingDbContext> dbFactory)
{
    public async Task<PublishedDraw?> GetAsync(long openingId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ReleaseOpenings.AsNoTracking().Where(o => o.Id == openingId)
            .Join(db.Releases, o => o.ReleaseId, r => r.Id, (o, r) => new { Opening = o, r.ServiceId, Early = r.EarlyAccessAudienceId != null })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var opening = row.Opening;
        var commitment = PublicDraw.Commitment(opening.Seed);
        if (!opening.PublicDrawn)
        {
            return new PublishedDraw(opening.Id, row.ServiceId, opening.OpensAtUtc, commitment, null, []);
        }

        var drawnIds = await db.QueueEntries.AsNoTracking().Where(e => e.OpeningId == openingId && e.DrawPlace != null)
            .OrderBy(e => e.DrawPlace).Select(e => e.Id).ToListAsync(cancellationToken);
        var drawnCodes = drawnIds.Select(id => PublicDraw.EntryCode(opening.Seed, id)).ToList();
        var phases = new List<PublishedDrawPhase>();
        if (row.Early)
        {
            phases.Add(Phase(PublishedDrawPhase.EarlyAccess, opening.EarlyDrawEntries, drawnCodes));
        }

        phases.Add(Phase(PublishedDrawPhase.Public, opening.PublicDrawEntries, drawnCodes));
        return new PublishedDraw(opening.Id, row.ServiceId, opening.OpensAtUtc, commitment, opening.Seed, phases);
    }

    /// <summary>The draw of the service's latest opening that has begun or is about to (the coming one first).</summary>
    public async Task<PublishedDraw?> LatestForServiceAsync(int serviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var openingId = await db.ReleaseOpenings.Join(db.Releases.Where(r => r.ServiceId == serviceId), o => o.ReleaseId, r => r.Id, (o, r) => o)
            .OrderByDescending(o => o.OpensAtUtc).Select(o => (long?)o.Id).FirstOrDefaultAsync(cancellationToken);
        return openingId is { } id ? await GetAsync(id, cancellationToken) : null;
    }

    public static DrawReceipt Receipt(ReleaseOpening opening, QueueEntry entry) => new(PublicDraw.EntryCode(opening.Seed, entry.Id), entry.DrawPlace);

    private static PublishedDrawPhase Phase(string name, string? entries, IReadOnlyList<string> drawnInPlaceOrder)
    {
        var codes = PublicDraw.Split(entries);
        var inThisDraw = codes.ToHashSet();
        return new PublishedDrawPhase(name, codes, drawnInPlaceOrder.Where(inThisDraw.Contains).ToList());
    }
}
