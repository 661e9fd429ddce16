using System.Text;
using CsCheck;

namespace BookingPortal.Tests.Integration.Fuzz;

/// <summary>Who sends a fuzzed request: an API key, a signed-in customer's cookie (with an antiforgery token), or staff.</summary>
public enum Sender
{
    ApiKey,
    Customer,
    Staff,
}

/// <summary>One malformed request; <see cref="Body"/> null sends none.</summary>
/// <param name="Antiforgery">A form post that carries the sender's antiforgery token (added when sent).</param>
public sealed record FuzzRequest(
    Sender Sender, string Method, string Path, string? ContentType, byte[]? Body, IReadOnlyList<(string Name, string Value)> Headers, bool Antiforgery = false)
{
    public override string ToString() =>
        $"{Sender} {Method} {Path} [{ContentType}] {(Body is null ? "(no body)" : Encoding.UTF8.GetString(Body.Take(300).ToArray()))} {string.Join("; ", Headers.Select(h => $"{h.Name}: {h.Value[..Math.Min(h.Value.Length, 80)]}"))}";
}

/// <summary>
/// Generators of malformed requests for every API endpoint, form post and query-string endpoint. Times and
/// dates are mutations of values that are no slot (14:07:31), at most two edits away, so no generated
/// booking can be a real one and every request must leave the database as it was.
/// </summary>
public static class MalformedRequests
{
    public const string NotASlot = "2026-03-04T14:07:31Z";
    private const string Date = "2026-03-04";

    private static readonly string[] Awkward =
    [
        "", " ", "\t", "\r\n", "\0", "null", "true", "-1", "0", "2147483648", "1e20", "NaN", "%00", "%", "'", "\"", "<script>", "../..",
        "9999-12-31", "0001-01-01", "10000-01-01", "2026-02-30", "2026-13-01", "05.12.2026", "2026/12/05", "２０２６-03-04",
        "9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00", "2026-12-14T16:00:00", "2026-03-04t14:07:31z", "💥",
        new string('9', 300), new string('[', 200),
    ];

    private static readonly Gen<string> Junk = Gen.Frequency(
        (3, Gen.OneOf(Awkward)),
        (2, Gen.String[0, 40]),
        (1, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private static Gen<string> Mutated(string valid) => Gen.Select(Gen.Int[1, 2], Gen.Int[0, valid.Length - 1], Gen.Int[0, valid.Length - 1], Gen.Char, Gen.Int[0, 3],
        (edits, at, at2, c, kind) =>
        {
            var text = new StringBuilder(valid);
            foreach (var position in new[] { at, at2 }.Take(edits).Select(p => Math.Min(p, Math.Max(text.Length - 1, 0))))
            {
                _ = text.Length == 0 ? text.Append(c) : kind switch
                {
                    0 => text.Remove(position, 1),
                    1 => text.Insert(position, c),
                    2 => text.Replace(text[position], char.IsLower(text[position]) ? char.ToUpperInvariant(text[position]) : char.ToLowerInvariant(text[position]), position, 1),
                    _ => text.Remove(position, 1).Insert(position, c),
                };
            }

            return text.ToString();
        });

    private static Gen<string> Value(string valid) => Gen.Frequency((3, Mutated(valid)), (2, Junk));

    /// <summary>A JSON value that is rarely what the field wants: a string, number, literal, array or object.</summary>
    private static Gen<string> JsonValue(string validString) => Gen.Frequency(
        (3, Value(validString).Select(Json)),
        (1, Gen.OneOf("1", "-1", "0", "1.5", "1e20", "2147483648", "true", "false", "null", "[]", "{}", "[1]", "{\"a\":1}")));

    private static Gen<byte[]> BookingBody => Gen.Frequency(
        (4, Gen.Select(Gen.Frequency((3, Gen.OneOf("1", "2", "3")), (1, JsonValue("1"))), JsonValue(NotASlot), Gen.Frequency((3, Gen.Const("null")), (1, JsonValue("x"))), Gen.Bool,
            (id, slot, customer, extra) => $"{{\"serviceId\":{id},\"slotStartUtc\":{slot},\"customerId\":{customer}{(extra ? ",\"serviceId\":2" : "")}}}")
            .Select(Encoding.UTF8.GetBytes)),
        (2, Mutated($"{{\"serviceId\":1,\"slotStartUtc\":\"{NotASlot}\"}}").Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Int[1, 3000].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))),
        (1, Gen.Byte.Array[0, 64]));

    private static Gen<string?> ContentType => Gen.Frequency(
        (6, Gen.Const<string?>("application/json")),
        (1, Gen.OneOf<string?>(null, "text/plain", "application/json; charset=utf-16", "application/x-www-form-urlencoded", "application/problem+json", "multipart/form-data; boundary=x", ";;")));

    private static Gen<List<(string, string)>> ApiHeaders => Gen.Select(
        Gen.Frequency((4, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("text/html", "application/xml", "*/*", "image/png;q=0", ""))),
        Gen.Frequency((5, Mutated("order-1").Select(k => (string?)k)), (1, Junk.Select(k => (string?)k)), (1, Gen.Const((string?)null))),
        (accept, key) => new List<(string, string)>(new[] { ("Accept", accept), ("Idempotency-Key", key) }.Where(h => h.Item2 is not null).Select(h => (h.Item1, HeaderSafe(h.Item2!)))));

    private static Gen<string> Query(params string[] names) =>
        Gen.Select(Gen.OneOf(names).Array[0, 4], Value(Date).Array[4], (keys, values) =>
            string.Join('&', keys.Select((k, i) => $"{k}={Escape(values[i])}")));

    /// <summary>A path segment; an encoded NUL is left out, as Kestrel refuses such a path before the app sees it (and the test host throws).</summary>
    private static Gen<string> PathSegment => Value("7KQ4-M2ZD").Select(s => Escape(s.Replace('\0', '0')).Replace("%2F", "/", StringComparison.Ordinal));

    /// <summary>Percent-encoded as a URL carries it; a lone surrogate cannot travel in UTF-8 and becomes U+FFFD.</summary>
    public static string Escape(string text) => Uri.EscapeDataString(new string(text.Select(c => char.IsSurrogate(c) ? '\uFFFD' : c).ToArray()));

    /// <summary>A header value HTTP can carry at all: no CR, LF or NUL (a client refuses to send those).</summary>
    private static string HeaderSafe(string text) => new(text.Select(c => c is '\r' or '\n' or '\0' || c > '~' ? '?' : c).ToArray());

    /// <summary>Every endpoint a caller can reach with input, weighted towards the ones that take the most.</summary>
    public static Gen<FuzzRequest> Any(int serviceId) => Gen.Frequency(
        (6, Gen.Select(BookingBody, ContentType, ApiHeaders, (body, type, headers) => new FuzzRequest(Sender.ApiKey, "POST", "/api/v1/bookings", type, body, headers))),
        (3, Gen.Select(PathSegment, BookingBody, ContentType, ApiHeaders, (id, body, type, headers) => new FuzzRequest(Sender.ApiKey, "POST", $"/api/v1/bookings/{id}/move", type, body, headers))),
        (2, Gen.Select(PathSegment, ApiHeaders, (id, headers) => new FuzzRequest(Sender.ApiKey, "POST", $"/api/v1/bookings/{id}/cancel", null, null, headers))),
        (2, Gen.Select(PathSegment, ApiHeaders, (id, headers) => new FuzzRequest(Sender.ApiKey, "GET", $"/api/v1/bookings/{id}", null, null, headers))),
        (5, Gen.Select(Gen.Frequency((3, Gen.Const(serviceId.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, PathSegment)), Query("from", "to", "From", "x"), ApiHeaders,
            (id, query, headers) => new FuzzRequest(Sender.ApiKey, "GET", $"/api/v1/services/{id}/availability?{query}", null, null, headers))),
        (2, Gen.Select(Gen.OneOf("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "POST"), Gen.OneOf("/api/v1/services", "/api/v1/bookings", "/api/v1", "/api/", "/api/v1/services/1"), PathSegment, ApiHeaders,
            (method, path, tail, headers) => new FuzzRequest(Sender.ApiKey, method, path + (tail.Length % 2 == 0 ? "" : "/" + tail), "application/json", method is "GET" or "OPTIONS" ? null : [], headers))),
        (3, Gen.Select(Value("1"), Value(NotASlot), Value("key-1"), Gen.Bool,
            (id, slot, key, token) => FormPost("/bookings", token, ("serviceId", id), ("slotStartUtc", slot), ("idempotencyKey", key)))),
        (2, Gen.Select(Gen.OneOf("/culture?culture=", "/theme?mode="), Value("es-ES"), Value("/services"),
            (path, choice, returnUrl) => new FuzzRequest(Sender.Customer, "GET", $"{path}{Escape(choice)}&returnUrl={Escape(returnUrl)}", null, null, []))),
        (2, Gen.Select(Query("from", "to", "serviceId", "status", "search"), query => new FuzzRequest(Sender.Staff, "GET", $"/admin/appointments.csv?{query}", null, null, []))),
        (1, Gen.Select(PathSegment, Value("dark"), Gen.Bool, (id, mode, ics) =>
            new FuzzRequest(Sender.Customer, "GET", ics ? $"/bookings/{id}/calendar.ics" : $"/theme/{Escape(mode)}.css", null, null, []))),
        (1, Gen.Select(Gen.OneOf("/Account/Login?ReturnUrl=", "/Account/Register?ReturnUrl=", "/services/1/book?Reschedule=", "/bookings/7KQ4-M2ZD?Payment="), Value("/services"),
            (page, value) => new FuzzRequest(Sender.Customer, "GET", page + Escape(value), null, null, []))));

    /// <summary>A form post; with <paramref name="withToken"/> the sender's antiforgery token is added when sent.</summary>
    private static FuzzRequest FormPost(string path, bool withToken, params (string Name, string Value)[] fields) =>
        new(Sender.Customer, "POST", path, "application/x-www-form-urlencoded",
            Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{f.Name}={Escape(f.Value)}"))),
            [], withToken);

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
