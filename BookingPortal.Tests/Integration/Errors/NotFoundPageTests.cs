namespace BookingPortal.Tests.Integration.Errors;

/// <summary>An unknown address answers 404 with the portal's own page (re-executed at /not-found), an /api one with a problem.</summary>
public class NotFoundPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_unknown_page_shows_the_not_found_page_with_a_way_back_to_the_services()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/no-such-page");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("We couldn&#x27;t find that page").And.Contain("href=\"services\"");
    }

    [Fact]
    public async Task An_unknown_api_address_answers_a_problem_not_the_page()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/no-such-thing");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("find that page");
    }

    [Theory]
    [InlineData("/no-such-page", HttpStatusCode.MethodNotAllowed)]
    [InlineData("/payments/stripe/webhook", HttpStatusCode.NotFound)]
    public async Task A_post_to_an_address_that_takes_none_is_told_so_not_that_it_was_a_bad_request(string address, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync(address, new StringContent("{}"));

        // Pages take no POST (405); the test portal takes payments at reception, so its Stripe webhook is off (404).
        response.StatusCode.Should().Be(expected);
    }
}
