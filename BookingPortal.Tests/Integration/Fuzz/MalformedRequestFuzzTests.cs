using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CsCheck;

namespace BookingPortal.Tests.Integration.Fuzz;

/// <summary>The portal with a rate limit no fuzz run reaches, so every request gets to the input it aims at.</summary>
public sealed class FuzzPortalFactory : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Api:PermitsPerWindow", "100000")];
}

/// <summary>
/// Issue 26's fuzz suite: generated malformed requests (CsCheck, from a fixed seed unless
/// BOOKINGPORTAL_FUZZ_SEED says otherwise; BOOKINGPORTAL_FUZZ_CASES sets how many) and a corpus of the
/// cases the issue saw, against every API endpoint, form post and query-string endpoint. No answer is a
/// 5xx, every /api error is a problem document, and no row changes.
/// </summary>
public partial class MalformedRequestFuzzTests(FuzzPortalFactory factory, ITestOutputHelper output) : IClassFixture<FuzzPortalFactory>
{
    private const ulong DefaultSeed = 26;
    private const int DefaultCases = 700;

    /// <summary>Raw requests the generators would rarely make: the issue's list and malformed escapes.</summary>
    private static readonly FuzzRequest[] Corpus =
    [
        .. new[] { "", "{", "{\"serviceId\":1,\"slotStartUtc\":\"2026-", "null", "[]", "\"s\"", "42", "{\"serviceId\":1,}", "{/*c*/}", "{\"serviceId\":1.5}",
            "{\"serviceId\":\"1\"}", "{\"serviceId\":true}", "{\"serviceId\":{}}", "{\"serviceId\":[]}", "{\"serviceId\":2147483648}", "{\"serviceId\":1e20}",
            "{\"serviceId\":1,\"slotStartUtc\":1}", "{\"serviceId\":1,\"slotStartUtc\":false}", "{\"serviceId\":1,\"slotStartUtc\":\"\"}",
            "{\"serviceId\":1,\"slotStartUtc\":\"0001-01-01T00:00:00+05:00\"}", "{\"serviceId\":1,\"slotStartUtc\":\"9999-12-31T23:00:00-05:00\"}",
            "{\"serviceId\":1,\"slotStartUtc\":\"2026-12-14T16:00:00\"}", "{\"serviceId\":1,\"slotStartUtc\":\"2026-03-04t14:07:31z\"}",
            $"{{\"serviceId\":1,\"slotStartUtc\":\"{new string('9', 100_000)}\"}}", new string('[', 5000) + new string(']', 5000) }
            .Select(body => new FuzzRequest(Sender.ApiKey, "POST", "/api/v1/bookings", "application/json", Encoding.UTF8.GetBytes(body), [("Idempotency-Key", "corpus")])),
        new(Sender.ApiKey, "POST", "/api/v1/bookings", "application/json", [0x7B, 0xFF, 0xFE, 0x7D], [("Idempotency-Key", "corpus")]),
        new(Sender.ApiKey, "POST", "/api/v1/bookings", null, null, [("Idempotency-Key", "corpus")]),
        new(Sender.ApiKey, "POST", "/api/v1/bookings", null, "{\"serviceId\":1}"u8.ToArray(), [("Idempotency-Key", "corpus")]),
        new(Sender.ApiKey, "POST", "/api/v1/bookings", "text/plain", "{}"u8.ToArray(), [("Idempotency-Key", "corpus")]),
        new(Sender.ApiKey, "GET", "/api/v1/services", null, null, [("X-Padding", new string('a', 40_000))]),
        .. new[] { "from=abc", "from=2026-13-01", "from=2026-02-30", "from=", "from=2026-03-04T00:00:00", "from=2026-03-04&from=2026-03-05", "from=10000-01-01",
            "from=9999-12-25", "from=05.12.2026", "from=2026/12/05", "from=0001-01-01T00:00:00-04:57", "from=%", "from=%ZZ", "from=%C0%AF", "to=9999-12-31" }
            .Select(query => new FuzzRequest(Sender.ApiKey, "GET", $"/api/v1/services/1/availability?{query}", null, null, [])),
        .. new[] { "/api/v1/services/abc/availability", "/api/v1/services/2147483648/availability", "/api/v1/nothing", "/api/v1/bookings/%FF%FE", "/api/v1/bookings/%0D%0A" }
            .Select(path => new FuzzRequest(Sender.ApiKey, "GET", path, null, null, [("Accept", "text/html")])),
        new(Sender.ApiKey, "DELETE", "/api/v1/bookings", null, null, []),
        .. new[] { "%09", "%0D%0A", "%00", "%0A//evil.example", "/%09/evil.example", "%E2%80%AE" }
            .SelectMany(bad => new[] { $"/culture?culture=es-ES&returnUrl=/services{bad}", $"/theme?mode=dark&returnUrl={bad}" })
            .Select(path => new FuzzRequest(Sender.Customer, "GET", path, null, null, [])),
        new(Sender.Customer, "POST", "/bookings", "application/x-www-form-urlencoded", "serviceId=1&slotStartUtc=2026-03-04T14:07:31Z&idempotencyKey=a"u8.ToArray(), []),
        new(Sender.Customer, "POST", "/bookings", "multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb"u8.ToArray(), [], Antiforgery: true),
        new(Sender.Customer, "POST", "/bookings", "application/json", "{}"u8.ToArray(), []),
        new(Sender.Staff, "GET", "/admin/appointments.csv?from=9999-12-31&to=0001-01-01&status=Nope&serviceId=2147483648", null, null, []),
    ];

    [Fact]
    public async Task No_malformed_request_gets_a_5xx_every_api_error_is_a_problem_and_no_row_changes()
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("BOOKINGPORTAL_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("BOOKINGPORTAL_FUZZ_CASES"), CultureInfo.InvariantCulture, out var asked) ? asked : DefaultCases;
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var generated = MalformedRequests.Any(service.Id).Array[count].Generate(new PCG(1, seed), null, out _);
        var senders = await SendersAsync();
        var before = await factory.CountRowsAsync();

        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var request in Corpus.Concat(generated))
        {
            var (status, fault) = await SendAsync(senders, request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (fault is not null)
            {
                failures.Add($"{fault}: {request}");
            }
        }

        output.WriteLine($"Fuzz: {generated.Length} generated (seed {seed}) + {Corpus.Length} corpus requests; answers by status: "
                         + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        failures.ForEach(output.WriteLine);
        failures.Should().BeEmpty();
        (await factory.CountRowsAsync()).Should().Equal(before, "every fuzzed request was malformed or refused");
    }

    private async Task<(int Status, string? Fault)> SendAsync(Senders senders, FuzzRequest fuzz)
    {
        var (client, token) = fuzz.Sender switch
        {
            Sender.ApiKey => (senders.Api, null),
            Sender.Staff => (senders.Staff, senders.StaffToken),
            _ => (senders.Customer, senders.CustomerToken),
        };
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Path);
        var body = fuzz.Antiforgery ? [.. fuzz.Body ?? [], .. Encoding.UTF8.GetBytes($"&__RequestVerificationToken={MalformedRequests.Escape(token!)}")] : fuzz.Body;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = fuzz.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media) ? media : null;
        }

        foreach (var (name, value) in fuzz.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (599, $"the portal threw {ex.GetType().Name} ({ex.Message}) {ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("BookingPortal.", StringComparison.Ordinal) && !l.Contains("Tests", StringComparison.Ordinal))}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            return status >= 500 ? (status, $"answered {status}")
                : fuzz.Path.StartsWith("/api", StringComparison.Ordinal) && status >= 400 && !await IsProblemAsync(response) ? (status, $"{status} is not a problem document")
                : (status, null);
        }
    }

    private static async Task<bool> IsProblemAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("type", out var type) && type.GetString()!.StartsWith(Features.Api.ApiProblems.TypeBase, StringComparison.Ordinal)
            && problem.RootElement.TryGetProperty("status", out _);
    }

    private sealed record Senders(HttpClient Api, HttpClient Customer, string CustomerToken, HttpClient Staff, string StaffToken);

    private async Task<Senders> SendersAsync()
    {
        var (_, api) = await factory.ApiCustomerAsync(ApiScopes.Read | ApiScopes.Book);
        var (_, customer) = await factory.SignInNewCustomerAsync();
        var staff = await factory.SignInAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword);
        return new Senders(api, customer, await TokenAsync(customer), staff, await TokenAsync(staff));
    }

    /// <summary>The antiforgery token of the layout's sign-out form, valid for this client's cookie.</summary>
    private static async Task<string> TokenAsync(HttpClient client) =>
        System.Net.WebUtility.HtmlDecode(AntiforgeryInput().Match(await client.GetStringAsync("/Account/Manage")).Groups["value"].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
