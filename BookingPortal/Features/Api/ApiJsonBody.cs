using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace BookingPortal.Features.Api;

/// <summary>
/// Reads a JSON object body by hand rather than through parameter binding, so every way a body can be
/// wrong (no content type, too large, not JSON, nested too deep, not an object) is a problem that says
/// so, never an exception.
/// </summary>
public static class ApiJsonBody
{
    /// <summary>The API's bodies are a few fields; anything larger is not one of them.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Deeper than any body the API takes, shallow enough that no nesting bomb costs anything.</summary>
    public const int MaxDepth = 8;

    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = MaxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <returns>The body's members, or the problem that refuses the body.</returns>
    public static async Task<(JsonFields? Fields, IResult? Problem)> ReadObjectAsync(HttpRequest request, ApiInput input, CancellationToken cancellationToken)
    {
        if (!IsUtf8Json(request.ContentType))
        {
            return (null, ApiProblems.Result(ApiProblems.UnsupportedMediaType, "Send the body as JSON in UTF-8, with the header 'Content-Type: application/json'."));
        }

        var bytes = await ReadAtMostAsync(request.Body, MaxBytes, cancellationToken);
        if (bytes is null || request.ContentLength > MaxBytes)
        {
            return (null, ApiProblems.Result(ApiProblems.PayloadTooLarge, $"The body may be at most {MaxBytes} bytes."));
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return (null, ApiProblems.Invalid("body", "The body is not valid UTF-8."));
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes, Strict);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            return (null, ApiProblems.Invalid("body", bytes.Length == 0
                ? "The body is empty; send a JSON object."
                : $"The body is not well-formed UTF-8 JSON{where}, or nests deeper than {MaxDepth} levels."));
        }

        return root.ValueKind == JsonValueKind.Object
            ? (new JsonFields(root, input), null)
            : (null, ApiProblems.Invalid("body", $"The body must be a JSON object, not {Describe(root.ValueKind)}."));
    }

    /// <summary>application/json or a +json type, in UTF-8 (the charset may be left out).</summary>
    private static bool IsUtf8Json(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "a boolean",
    };
}
