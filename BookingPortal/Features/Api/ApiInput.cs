using BookingPortal.Infrastructure.Http;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace BookingPortal.Features.Api;

/// <summary>
/// Reads a request's inputs before any service sees them, collecting one message per field at
/// fault, so a malformed request is answered 400 with the fields named instead of failing later.
/// </summary>
public sealed class ApiInput
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    public IResult Problem => ApiProblems.Invalid(errors);

    public void Refuse(string field, string message) => errors.TryAdd(field, [message]);

    /// <summary>A query parameter or header given at most once, or null when absent.</summary>
    public string? Single(string field, StringValues values)
    {
        if (values.Count > 1)
        {
            Refuse(field, $"Give '{field}' once.");
            return null;
        }

        return values.Count == 0 ? null : values[0];
    }

    public DateOnly? Date(string field, StringValues values)
    {
        if (Single(field, values) is not { } text)
        {
            return null;
        }

        var (date, error) = IsoFormats.Date(text);
        if (error is not null)
        {
            Refuse(field, error);
        }

        return date;
    }

    /// <summary>An optional query parameter holding a positive whole number; null when absent.</summary>
    public int? Id(string field, StringValues values)
    {
        if (Single(field, values) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        Refuse(field, $"'{field}' must be a whole number from 1 to {int.MaxValue}.");
        return null;
    }

    /// <summary>A required positive whole number (a JSON number, not a string).</summary>
    public int? Id(JsonFields body, string field, string missing)
    {
        switch (body.Find(field))
        {
            case null:
                Refuse(field, missing);
                return null;
            case { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var id) && id > 0:
                return id;
            default:
                Refuse(field, $"'{field}' must be a whole number from 1 to {int.MaxValue}, written without quotes.");
                return null;
        }
    }

    /// <summary>A required instant as a JSON string (<see cref="IsoFormats.Instant"/>), in UTC.</summary>
    public DateTime? Instant(JsonFields body, string field, string missing)
    {
        switch (body.Find(field))
        {
            case null:
                Refuse(field, missing);
                return null;
            case { ValueKind: JsonValueKind.String } text:
                var (utc, error) = IsoFormats.Instant(text.GetString()!);
                if (error is not null)
                {
                    Refuse(field, error);
                }

                return utc;
            default:
                Refuse(field, $"'{field}' must be a string holding {IsoFormats.InstantHint}.");
                return null;
        }
    }

    /// <summary>An optional string of at most <paramref name="maxLength"/> characters; null or absent is none.</summary>
    public string? OptionalText(JsonFields body, string field, int maxLength)
    {
        switch (body.Find(field))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.String } text when text.GetString()!.Length <= maxLength:
                return text.GetString();
            default:
                Refuse(field, $"'{field}' must be a string of at most {maxLength} characters, or null.");
                return null;
        }
    }
}

/// <summary>The members of a JSON object body, found without regard to case (as System.Text.Json's web defaults do).</summary>
public sealed class JsonFields(JsonElement root, ApiInput input)
{
    /// <summary>The member's value; null when absent, or (refused) when given twice.</summary>
    public JsonElement? Find(string name)
    {
        var matches = root.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        if (matches.Count > 1)
        {
            input.Refuse(name, $"Give '{name}' once.");
            return null;
        }

        return matches.Count == 0 ? null : matches[0].Value;
    }
}
