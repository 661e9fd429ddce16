using System.Net.Http.Headers;
using System.Text;

namespace BookingPortal.Tests.Integration.Api;

/// <summary>Issue 26's malformed requests, each answered with a problem that names what is wrong, never a 500.</summary>
public class ApiBadInputTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ProblemBase = ApiProblems.TypeBase;

    [Theory]
    [InlineData("from=abc", "from")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("from=", "from")]
    [InlineData("from=2026-03-04T00:00:00Z", "from")]
    [InlineData("from=2026-03-04&from=2026-03-05", "from")]
    [InlineData("from=10000-01-01", "from")]
    [InlineData("from=9999-12-25", "from")]
    [InlineData("from=05.12.2026", "from")]
    [InlineData("from=2026/12/05", "from")]
    [InlineData("from=0001-01-01-04:57", "from")]
    [InlineData("from=%EF%BC%92026-03-04", "from")]
    [InlineData("from=2026-03-04&to=9999-12-31", "to")]
    public async Task Availability_refuses_a_date_that_is_not_strict_iso_naming_the_parameter(string query, string field)
    {
        var (_, client) = await factory.ApiCustomerAsync(ApiScopes.Read);
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);

        var response = await client.GetAsync($"/api/v1/services/{service.Id}/availability?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.ProblemAsync();
        problem.TypeOf().Should().Be(ProblemBase + "validation");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("{", "body")]
    [InlineData("{\"serviceId\": 1, \"slotStartUtc\": \"2026-03-04T14:", "body")]
    [InlineData("null", "body")]
    [InlineData("[]", "body")]
    [InlineData("\"a string\"", "body")]
    [InlineData("42", "body")]
    [InlineData("{\"serviceId\": 1,}", "body")]
    [InlineData("{/* note */ \"serviceId\": 1}", "body")]
    [InlineData("{\"serviceId\": \"1\", \"slotStartUtc\": \"2026-03-04T14:00:00Z\"}", "serviceId")]
    [InlineData("{\"serviceId\": 1.5, \"slotStartUtc\": \"2026-03-04T14:00:00Z\"}", "serviceId")]
    [InlineData("{\"serviceId\": true, \"slotStartUtc\": \"2026-03-04T14:00:00Z\"}", "serviceId")]
    [InlineData("{\"serviceId\": {}, \"slotStartUtc\": \"2026-03-04T14:00:00Z\"}", "serviceId")]
    [InlineData("{\"serviceId\": [1], \"slotStartUtc\": \"2026-03-04T14:00:00Z\"}", "serviceId")]
    [InlineData("{\"serviceId\": 2147483648, \"slotStartUtc\": \"2026-03-04T14:00:00Z\"}", "serviceId")]
    [InlineData("{\"serviceId\": 1e20, \"slotStartUtc\": \"2026-03-04T14:00:00Z\"}", "serviceId")]
    [InlineData("{\"serviceId\": 1, \"serviceId\": 2, \"slotStartUtc\": \"2026-03-04T14:00:00Z\"}", "serviceId")]
    [InlineData("{\"serviceId\": 1, \"slotStartUtc\": 1772632800}", "slotStartUtc")]
    [InlineData("{\"serviceId\": 1, \"slotStartUtc\": true}", "slotStartUtc")]
    [InlineData("{\"serviceId\": 1, \"slotStartUtc\": \"\"}", "slotStartUtc")]
    [InlineData("{\"serviceId\": 1, \"slotStartUtc\": \"garbage\"}", "slotStartUtc")]
    [InlineData("{\"serviceId\": 1, \"slotStartUtc\": \"2026-03-04t14:00:00z\"}", "slotStartUtc")]
    [InlineData("{\"serviceId\": 1, \"slotStartUtc\": \"0001-01-01T00:00:00+05:00\"}", "slotStartUtc")]
    [InlineData("{\"serviceId\": 1, \"slotStartUtc\": \"9999-12-31T23:00:00-05:00\"}", "slotStartUtc")]
    [InlineData("{\"serviceId\": 1, \"slotStartUtc\": \"2026-12-14T16:00:00\"}", "slotStartUtc")]
    [InlineData("{\"serviceId\": 1, \"slotStartUtc\": \"2026-03-04T14:00:00Z\", \"customerId\": 7}", "customerId")]
    public async Task Booking_refuses_a_malformed_body_naming_the_field(string body, string field)
    {
        var (customer, client) = await factory.ApiCustomerAsync();

        var response = await client.SendAsync(Post("/api/v1/bookings", Encoding.UTF8.GetBytes(body)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.ProblemAsync();
        problem.TypeOf().Should().Be(ProblemBase + "validation");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the body {body} is wrong in '{field}'");
        (await factory.BookingsOfAsync(customer)).Should().Be(0);
    }

    [Fact]
    public async Task A_time_without_an_offset_is_refused_with_a_message_saying_so()
    {
        var (_, client) = await factory.ApiCustomerAsync();

        var response = await client.SendAsync(Post("/api/v1/bookings", "{\"serviceId\": 1, \"slotStartUtc\": \"2026-12-14T16:00:00\"}"u8.ToArray()));

        (await response.ProblemAsync()).GetProperty("errors").GetProperty("slotStartUtc")[0].GetString().Should().Contain("has no offset").And.Contain("'Z'");
    }

    [Fact]
    public async Task Invalid_utf8_a_nesting_bomb_no_body_and_a_huge_value_are_answered_with_problems()
    {
        var (customer, client) = await factory.ApiCustomerAsync();

        var invalidUtf8 = await client.SendAsync(Post("/api/v1/bookings", [.. "{\"serviceId\": \""u8, 0xFF, 0xFE, .. "\"}"u8]));
        var nested = await client.SendAsync(Post("/api/v1/bookings", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))));
        var noBody = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Headers = { { "Idempotency-Key", "k" } } });
        var huge = await client.SendAsync(Post("/api/v1/bookings", Encoding.UTF8.GetBytes($"{{\"serviceId\": 1, \"slotStartUtc\": \"{new string('9', 100_000)}\"}}")));

        invalidUtf8.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await invalidUtf8.ProblemAsync()).GetProperty("errors").TryGetProperty("body", out _).Should().BeTrue();
        nested.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await nested.ProblemAsync()).GetProperty("errors").GetProperty("body")[0].GetString().Should().Contain("deeper than");
        noBody.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await noBody.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "unsupported-media-type");
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await huge.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "payload-too-large");
        (await factory.BookingsOfAsync(customer)).Should().Be(0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Json_sent_without_a_json_content_type_is_415_as_a_problem(string? contentType)
    {
        var (_, client) = await factory.ApiCustomerAsync();
        var request = Post("/api/v1/bookings", "{\"serviceId\": 1, \"slotStartUtc\": \"2026-03-04T14:00:00Z\"}"u8.ToArray());
        request.Content!.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "unsupported-media-type");
    }

    [Theory]
    [InlineData("GET", "/api/v1/services/abc/availability", HttpStatusCode.NotFound, "not-found")]
    [InlineData("GET", "/api/v1/services/2147483648/availability", HttpStatusCode.NotFound, "not-found")]
    [InlineData("GET", "/api/v1/no-such-thing", HttpStatusCode.NotFound, "not-found")]
    [InlineData("GET", "/api/v2/services", HttpStatusCode.NotFound, "not-found")]
    [InlineData("DELETE", "/api/v1/bookings", HttpStatusCode.MethodNotAllowed, "method-not-allowed")]
    [InlineData("PUT", "/api/v1/services", HttpStatusCode.MethodNotAllowed, "method-not-allowed")]
    public async Task Unknown_addresses_and_methods_under_api_are_problems_whatever_the_accept_header(string method, string path, HttpStatusCode status, string type)
    {
        var (_, client) = await factory.ApiCustomerAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(status);
        (await response.ProblemAsync()).TypeOf().Should().Be(ProblemBase + type);
    }

    [Fact]
    public async Task Headers_too_large_are_431_as_a_problem()
    {
        var (_, client) = await factory.ApiCustomerAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        request.Headers.Add("X-Padding", new string('a', ApiErrors.MaxHeaderBytes + 1));

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
        (await response.ProblemAsync()).TypeOf().Should().Be(ProblemBase + "headers-too-large");
    }

    [Theory]
    [InlineData("/culture?culture=es-ES&returnUrl=/services%09x")]
    [InlineData("/culture?culture=es-ES&returnUrl=/services%0D%0ASet-Cookie:%20a=b")]
    [InlineData("/culture?culture=es-ES&returnUrl=/services%00")]
    [InlineData("/theme?mode=dark&returnUrl=/services%09x")]
    [InlineData("/theme?mode=dark&returnUrl=/%0D%0Aservices")]
    [InlineData("/theme?mode=dark&returnUrl=/services%00")]
    public async Task A_return_url_with_control_characters_goes_home_instead_of_failing(string url)
    {
        using var client = factory.ApiClient(null);

        var response = await client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/");
    }

    private static HttpRequestMessage Post(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content, Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } } };
    }
}
