using Microsoft.AspNetCore.Routing;

namespace BookingPortal.Tests.Integration.Hosting;

/// <summary>The clock-moving, heap, queue-moving and password-free sign-in endpoints exist in Development and Testing only (an allow-list).</summary>
public class TestOnlyEndpointsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly WebApplicationFactoryClientOptions Https = new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false };

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task Staging_and_production_answer_404_for_the_test_endpoints(string environment)
    {
        using var portal = factory.WithWebHostBuilder(b => b.UseEnvironment(environment).UseSetting("Demo:Seed", "false"));
        using var client = portal.CreateClient(Https);

        (await client.GetAsync("/testing/clock")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/testing/memory")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // A POST to any address no endpoint takes is refused before routing (antiforgery); the clock's is no different.
        var unknown = await client.PostAsync("/testing/no-such-endpoint", null);
        var clock = await client.PostAsync("/testing/clock?utc=2030-01-01T00:00:00Z", null);
        clock.StatusCode.Should().Be(unknown.StatusCode).And.NotBe(HttpStatusCode.OK);
        var leave = await client.PostAsync("/testing/queue/leave-first?openingId=1", null);
        leave.StatusCode.Should().Be(unknown.StatusCode);
    }

    [Fact]
    public async Task Testing_with_clock_control_has_them()
    {
        using var portal = factory.WithWebHostBuilder(b => b.UseSetting("Testing:ClockControl", "true"));
        using var client = portal.CreateClient(Https);

        // Asked here, /testing/memory would collect the whole test host's heap with every suite stopped for it
        // (MemoryEndpointTests asks a portal process instead); that it is mapped is what this test checks.
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        endpoints.Select(e => e.RoutePattern.RawText).Should().Contain("/testing/memory");
        (await client.PostAsync("/testing/clock?utc=2026-01-01T00:00:00Z", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Staging", "Testing:ClockControl")]
    [InlineData("Production", "Testing:ClockControl")]
    [InlineData("production-eu", "Testing:ClockControl")]
    [InlineData("Staging", "Testing:SignIn")]
    [InlineData("Production", "Testing:SignIn")]
    public void Test_only_switches_outside_development_and_testing_stop_start_up_naming_the_key(string environment, string key)
    {
        using var portal = factory.WithWebHostBuilder(b => b.UseEnvironment(environment).UseSetting("Demo:Seed", "false").UseSetting(key, "true"));

        var start = () => portal.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage($"*'{key}'*{environment}*");
    }

    [Fact]
    public async Task Password_free_sign_in_exists_only_when_switched_on_and_issues_the_identity_cookie()
    {
        const string Address = "/testing/sign-in?email=nobody-here@example.com";
        using var off = factory.CreateClient(Https);
        var unknown = await off.PostAsync("/testing/no-such-endpoint", null);
        (await off.PostAsync(Address, null)).StatusCode.Should().Be(unknown.StatusCode);

        using var portal = factory.WithWebHostBuilder(b => b.UseSetting("Testing:SignIn", "true"));
        using var client = portal.CreateClient(Https);
        (await client.PostAsync(Address, null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync();
        var customerId = (await TestData.CreateCustomersAsync(db, 1))[0];
        var email = await db.Users.Where(u => u.Id == customerId).Select(u => u.Email).SingleAsync();
        var signedIn = await client.PostAsync($"/testing/sign-in?email={Uri.EscapeDataString(email!)}", null);
        signedIn.StatusCode.Should().Be(HttpStatusCode.NoContent);
        signedIn.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }
}
