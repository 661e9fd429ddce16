using System.Net;
using BookingPortal.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BookingPortal.Tests.Integration.Hosting;

/// <summary>The clock-moving and heap endpoints exist in Development and Testing only (an allow-list).</summary>
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
    }

    [Fact]
    public async Task Testing_with_clock_control_has_them()
    {
        using var portal = factory.WithWebHostBuilder(b => b.UseSetting("Testing:ClockControl", "true"));
        using var client = portal.CreateClient(Https);

        (await client.GetAsync("/testing/memory")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync("/testing/clock?utc=2026-01-01T00:00:00Z", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    [InlineData("production-eu")]
    public void Clock_control_outside_development_and_testing_stops_start_up_naming_the_key(string environment)
    {
        using var portal = factory.WithWebHostBuilder(b => b.UseEnvironment(environment).UseSetting("Demo:Seed", "false").UseSetting("Testing:ClockControl", "true"));

        var start = () => portal.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage($"*'Testing:ClockControl'*{environment}*");
    }
}
