using Microsoft.AspNetCore.Http.HttpResults;

namespace BookingPortal.Features.Queue;

/// <summary>A draw as someone checking it sends it back: the commitment, the seed and each phase's entries and order.</summary>
public sealed record DrawToVerify(string? Commitment, string? Seed, IReadOnlyList<PublishedDrawPhase>? Draws);

public sealed record DrawVerdict(string Result, bool Verified);

/// <summary>
/// Public, read-only: an opening's published draw, and a check of any draw document (the same check
/// tools/VerifyDraw runs offline). Nothing here names a person.
/// </summary>
public static class DrawEndpoints
{
    /// <returns>The group, for the rate limit the composition root puts on it (anyone may call it, with no key).</returns>
    public static RouteGroupBuilder MapDrawEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var draws = endpoints.MapGroup("/api/v1/draws").AllowAnonymous().WithTags("Draws");
        draws.MapGet("/{openingId:long}", GetAsync).WithName("GetDraw")
            .WithSummary("An opening's commitment (SHA-256 of its seed); after the draw also the seed and the entry codes in join order and in drawn order.")
            .WithDescription($"Each draw's name is a stable machine value, '{PublishedDrawPhase.EarlyAccess}' or '{PublishedDrawPhase.Public}', whatever the page's language.");
        draws.MapPost("/verify", Verify).WithName("VerifyDraw")
            .WithSummary("Recomputes each draw's order from the seed and its entries and checks the seed against the commitment.");
        return draws;
    }

    private static async Task<Results<Ok<PublishedDraw>, NotFound>> GetAsync(long openingId, PublishedDraws draws, CancellationToken cancellationToken) =>
        await draws.GetAsync(openingId, cancellationToken) is { } draw ? TypedResults.Ok(draw) : TypedResults.NotFound();

    private static Results<Ok<DrawVerdict>, ValidationProblem> Verify(DrawToVerify body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Commitment))
        {
            errors["commitment"] = ["The commitment (SHA-256 of the seed, hex) is required."];
        }

        if (string.IsNullOrWhiteSpace(body.Seed) || body.Seed.Length % 2 != 0 || !body.Seed.All(Uri.IsHexDigit))
        {
            errors["seed"] = ["The seed is required, as hexadecimal."];
        }

        if (body.Draws is null || body.Draws.Any(d => d.Entries is null || d.Order is null))
        {
            errors["draws"] = ["Each draw needs its entries (in join order) and its order."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var check = PublicDraw.Verify(body.Commitment!, body.Seed!, body.Draws!.Select(d => (d.Entries, d.Order)));
        return TypedResults.Ok(new DrawVerdict(check.ToString(), check == DrawCheck.Verified));
    }
}
