using System.Security.Cryptography;
using System.Text;

namespace BookingPortal.Tests.Integration.Hosting;

public partial class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/no-such-page")]
    [InlineData("/app.css")]
    [InlineData("/health/live")]
    [InlineData("/api/v1/services")]
    [InlineData("/admin")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = factory.CreateClient(NoRedirects);

        var response = await client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Should().ContainSingle().Subject;
        csp.Should().Contain("script-src 'self' 'sha256-").And.Contain("frame-ancestors 'self'").And.Contain("object-src 'none'")
            .And.Contain("base-uri 'self'").And.NotContain("unsafe-eval");
        Regex.Match(csp, "script-src [^;]*").Value.Should().NotContain("unsafe-inline");
        response.Headers.Contains("X-Frame-Options").Should().BeFalse("frame-ancestors says who may frame the portal");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("strict-origin-when-cross-origin");
        response.Headers.GetValues("Permissions-Policy").Single().Should().Contain("camera=()").And.Contain("publickey-credentials-get=(self)");
    }

    [Fact]
    public async Task The_only_inline_script_the_import_map_is_allowed_by_its_hash()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/Account/Login");
        var html = await response.Content.ReadAsStringAsync();

        var inline = InlineScript().Matches(html).Select(m => m.Groups["body"].Value).Where(body => body.Trim().Length > 0).ToList();
        var importMap = inline.Should().ContainSingle("every other script is a file").Subject;
        html.Should().Contain("<script type=\"importmap\"");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)));
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain($"'sha256-{hash}'");
    }

    [Fact]
    public async Task A_clinic_that_embeds_the_portal_names_its_origins()
    {
        using var portal = factory.WithWebHostBuilder(b => b
            .UseSetting("SecurityHeaders:FrameAncestors:0", "'self'")
            .UseSetting("SecurityHeaders:FrameAncestors:1", "https://clinic.example"));
        using var client = portal.CreateClient();

        var csp = (await client.GetAsync("/")).Headers.GetValues("Content-Security-Policy").Single();

        csp.Should().EndWith("frame-ancestors 'self' https://clinic.example");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://clinic.example/path")]
    [InlineData("http://clinic.example")]
    [InlineData("clinic.example")]
    public async Task A_frame_ancestor_that_is_not_an_origin_stops_start_up_naming_the_key(string source)
    {
        var failure = await StartupFailure.OfAsync(() => factory.WithWebHostBuilder(b => b.UseSetting("SecurityHeaders:FrameAncestors:0", source)));

        failure.Should().BeAssignableTo<Exception>().Which.Message.Should().Match("*'SecurityHeaders:FrameAncestors:0'*");
    }

    [Fact]
    public async Task Production_redirects_http_to_https_and_sends_hsts()
    {
        using var portal = factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Demo:Seed", "false").UseSetting("https_port", "443"));
        // HSTS is never sent to localhost (the framework's excluded hosts), so the portal has a name here.
        using var plain = portal.CreateClient(new() { BaseAddress = new Uri("http://portal.example"), AllowAutoRedirect = false });
        using var secure = portal.CreateClient(new() { BaseAddress = new Uri("https://portal.example"), AllowAutoRedirect = false });

        var redirected = await plain.GetAsync("/services?x=1");
        var served = await secure.GetAsync("/");

        redirected.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        redirected.Headers.Location.Should().Be(new Uri("https://portal.example/services?x=1"));
        served.Headers.GetValues("Strict-Transport-Security").Single().Should().StartWith("max-age=31536000");
    }

    [Theory]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/health/ready", HttpStatusCode.OK)]
    [InlineData("/metrics", HttpStatusCode.Forbidden)]
    public async Task Production_answers_the_probes_over_http_where_they_are_called(string path, HttpStatusCode answer)
    {
        // The load balancer and the scraper call each instance directly (http://127.0.0.1:5001), never through the proxy.
        using var portal = factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Demo:Seed", "false").UseSetting("https_port", "443"));
        using var probe = portal.CreateClient(new() { BaseAddress = new Uri("http://127.0.0.1:5001"), AllowAutoRedirect = false });

        // /health/ready answers 503 until the scheduler has started, a moment after the host (on a busy machine, the first
        // probe came before it): the answer that counts is the first other than that. A redirect is answered at once.
        HttpResponseMessage response = null!;
        await Poll.UntilAsync(async () => (response = await probe.GetAsync(path)).StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));

        response.StatusCode.Should().Be(answer, "a redirect to https://127.0.0.1 is a probe that never reaches the check");
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "nginx.internal", "'ForwardedHeaders:KnownProxies:0'")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "'ForwardedHeaders:KnownNetworks:0'")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "0.0.0.0/0", "'ForwardedHeaders:KnownNetworks:0'")]
    [InlineData("FORWARDEDHEADERS_ENABLED", "true", "'ForwardedHeaders:KnownProxies'")]
    public async Task Proxy_settings_that_would_trust_the_wrong_senders_stop_start_up_naming_the_key(string key, string value, string named)
    {
        var failure = await StartupFailure.OfAsync(() => factory.WithWebHostBuilder(b => b.UseSetting(key, value)));

        failure.Should().BeAssignableTo<Exception>().Which.Message.Should().Contain(named);
    }

    [GeneratedRegex("<script(?<attributes>[^>]*)>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
