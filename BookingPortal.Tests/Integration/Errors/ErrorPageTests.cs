namespace BookingPortal.Tests.Integration.Errors;

/// <summary>A request that fails shows the friendly page with a reference, and the log has the stack trace under that reference.</summary>
public class ErrorPageTests(ErrorPageTests.FailingPortalFactory factory) : IClassFixture<ErrorPageTests.FailingPortalFactory>
{
    private const string Secret = "connection string Password=hunter2";

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public async Task A_failing_request_shows_a_reference_and_never_the_exception_and_the_log_has_both(string environment)
    {
        using var client = factory.WithWebHostBuilder(b => b.UseEnvironment(environment)).CreateClient();

        var response = await client.GetAsync("/test/fails");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Something went wrong").And.Contain("data-testid=\"error-reference\"")
            .And.NotContain(Secret).And.NotContain(nameof(InvalidOperationException)).And.NotContain("FailingPortalFactory");
        var reference = html.Split("data-testid=\"error-reference\">")[1].Split('<')[0];
        reference.Should().NotBeNullOrWhiteSpace();
        factory.Log.Entries.Should().Contain(entry => entry.Message.Contains(reference) && entry.Exception is InvalidOperationException)
            .Which.Message.Should().EndWith("on GET /test/fails", "the line names the address that failed, not the error page's");
    }

    [Fact]
    public async Task A_form_posted_to_an_endpoint_that_fails_gets_the_error_page_not_a_form_expired_redirect()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // No antiforgery token: the endpoint takes none, but the error page's re-run meets the check again.
        var response = await client.PostAsync("/test/fails", new FormUrlEncodedContent([new("name", "Ana")]));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Something went wrong").And.Contain("data-testid=\"error-reference\"").And.NotContain(Secret);
        var reference = html.Split("data-testid=\"error-reference\">")[1].Split('<')[0];
        factory.Log.Entries.Should().Contain(entry => entry.Message.Contains(reference) && entry.Exception is InvalidOperationException)
            .Which.Message.Should().EndWith("on POST /test/fails");
    }

    /// <summary>The portal plus one route that throws.</summary>
    public sealed class FailingPortalFactory() : PortalWithRoute("/test/fails", _ => throw new InvalidOperationException(Secret));
}
