namespace BookingPortal.Tests.Integration.Api;

/// <summary>A fault of ours under /api is answered as the API answers everything: a problem document, never the HTML error page.</summary>
public class ApiFaultTests(ApiFaultTests.FailingApiPortal factory) : IClassFixture<ApiFaultTests.FailingApiPortal>
{
    private const string Secret = "connection string Password=hunter2";

    [Fact]
    public async Task An_exception_under_api_is_a_problem_with_a_reference_and_the_log_names_the_failing_address()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/test-fails");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString();
        detail.Should().StartWith("Quote reference ").And.NotContain(Secret);
        var reference = detail!["Quote reference ".Length..].Split(' ')[0];
        factory.Log.Entries.Should().Contain(entry => entry.Message.Contains(reference) && entry.Exception is InvalidOperationException)
            .Which.Message.Should().EndWith("on GET /api/v1/test-fails");
    }

    /// <summary>The portal plus one API address that throws.</summary>
    public sealed class FailingApiPortal() : PortalWithRoute("/api/v1/test-fails", _ => throw new InvalidOperationException(Secret));
}
