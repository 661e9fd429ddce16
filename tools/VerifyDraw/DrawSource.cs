using System.Text.Json;

namespace VerifyDraw;

/// <summary>One phase of a published draw: the entry codes in the order they counted, and as drawn.</summary>
public sealed record DrawPhaseDocument(string Name, List<string> Entries, List<string> Order);

/// <summary>The published draw as GET /api/v1/draws/{openingId} returns it.</summary>
public sealed record DrawDocument(long OpeningId, string? Commitment, string? Seed, List<DrawPhaseDocument>? Draws);

public static class DrawSource
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The document from a file, or from the portal when given its address.</summary>
    public static async Task<string> ReadAsync(string source)
    {
        if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            return await http.GetStringAsync(new Uri(source));
        }

        return await File.ReadAllTextAsync(source);
    }
}
