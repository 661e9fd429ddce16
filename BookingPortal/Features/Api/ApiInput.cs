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

    public DateOnly? Date(string field, StringValues values) =>
        Single(field, values) is { } text ? Checked(field, IsoFormats.Date(text)) : null;

    /// <summary>An optional query parameter holding a positive whole number; null when absent.</summary>
    public int? Id(string field, StringValues values) => Single(field, values) switch
    {
        null => null,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 => id,
        _ => Refused<int>(field, $"'{field}' must be a whole number from 1 to {int.MaxValue}."),
    };

    /// <summary>A required positive whole number (a JSON number, not a string).</summary>
    public int? Id(JsonFields body, string field, string missing) => Required(body, field, missing) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var id) && id > 0 => id,
        _ => Refused<int>(field, $"'{field}' must be a whole number from 1 to {int.MaxValue}, written without quotes."),
    };

    /// <summary>A required instant as a JSON string (<see cref="IsoFormats.Instant"/>), in UTC.</summary>
    public DateTime? Instant(JsonFields body, string field, string missing) => Required(body, field, missing) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text => Checked(field, IsoFormats.Instant(text.GetString()!)),
        _ => Refused<DateTime>(field, $"'{field}' must be a string holding {IsoFormats.InstantHint}."),
    };

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

    /// <summary>The member's value, or null (refused with <paramref name="missing"/>) when it is absent.</summary>
    private JsonElement? Required(JsonFields body, string field, string missing)
    {
        var value = body.Find(field);
        if (value is null)
        {
            Refuse(field, missing);
        }

        return value;
    }

    /// <summary>What one of <see cref="IsoFormats"/>' readers made of a field, its error (if any) refused.</summary>
    private T? Checked<T>(string field, (T? Value, string? Error) read)
        where T : struct
    {
        if (read.Error is { } error)
        {
            Refuse(field, error);
        }

        return read.Value;
    }

    private T? Refused<T>(string field, string message)
        where T : struct
    {
        Refuse(field, message);
        return null;
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
