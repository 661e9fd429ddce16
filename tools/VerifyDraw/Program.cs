using System.Text.Json;
using BookingPortal.Domain;
using VerifyDraw;

// Checks a published draw: tools/VerifyDraw <file or URL of /api/v1/draws/{id}> [--commitment <hex published before the opening>]
// Exit code 0: verified; 1: the draw does not check out; 2: the input could not be read.
if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--commitment"))
{
    Console.Error.WriteLine("Usage: VerifyDraw <draw.json | https://…/api/v1/draws/{openingId}> [--commitment <sha256 hex>]");
    return 2;
}

DrawDocument? document;
try
{
    document = JsonSerializer.Deserialize<DrawDocument>(await DrawSource.ReadAsync(args[0]), DrawSource.Json);
}
catch (Exception ex) when (ex is IOException or HttpRequestException or JsonException or UriFormatException)
{
    Console.Error.WriteLine($"Could not read the draw: {ex.Message}");
    return 2;
}

if (document is not { Seed: { } seed, Commitment: { } published, Draws: { } draws })
{
    Console.Error.WriteLine("The document has no seed yet (the draw has not happened) or lacks its commitment or draws.");
    return 2;
}

// The commitment worth checking is the one recorded before the opening (the release.draw_committed webhook, the page); the document's own is the fallback.
var commitment = args.Length == 3 ? args[2] : published;
var result = PublicDraw.Verify(commitment, seed, draws.Select(d => ((IReadOnlyList<string>)d.Entries, (IReadOnlyList<string>)d.Order)));
Console.WriteLine(result switch
{
    DrawCheck.Verified => $"Verified: the seed matches the commitment {commitment} and {draws.Sum(d => d.Order.Count)} drawn places follow from it.",
    DrawCheck.SeedDoesNotMatchCommitment => $"NOT verified: SHA-256 of the seed is {PublicDraw.Commitment(seed)}, not the commitment {commitment}.",
    _ => "NOT verified: the published order does not follow from the seed and the entries.",
});
return result == DrawCheck.Verified ? 0 : 1;
