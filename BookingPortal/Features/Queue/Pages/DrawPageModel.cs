namespace BookingPortal.Features.Queue.Pages;

/// <summary>
/// What the draw page shows, carried from its prerender into the circuit's first render (see DrawPage). Each phase's
/// number of entries, not the entries: the page shows only the number, and an opening's codes run to thousands.
/// </summary>
/// <param name="Draw">Null when no opening of the service has a draw yet.</param>
public sealed record DrawPageModel(string TimeZoneId, DrawShown? Draw);

/// <summary>An opening's draw as the page tells it, with the server's own check made once.</summary>
public sealed record DrawShown(long OpeningId, DateTime OpensAtUtc, string Commitment, string? Seed, IReadOnlyList<DrawPhaseCount> Phases, DrawCheck? Check)
{
    public static DrawShown Of(PublishedDraw draw) =>
        new(draw.OpeningId, draw.OpensAtUtc, draw.Commitment, draw.Seed, draw.Draws.Select(d => new DrawPhaseCount(d.Name, d.Entries.Count)).ToList(), draw.Check);
}

/// <param name="Name">The phase's machine name (<see cref="PublishedDrawPhase"/>).</param>
public sealed record DrawPhaseCount(string Name, int Entries);
