namespace BookingPortal.Tests.Integration.Hosting;

/// <summary>
/// The portal on Kestrel behind a real nginx: forwarded headers are believed from the proxy only. The tests only
/// read, so they share one portal and one nginx (each start takes seconds).
/// </summary>
public sealed class ReverseProxyTests(ReverseProxyTests.ProxiedSite site) : IClassFixture<ReverseProxyTests.ProxiedSite>
{
    private readonly NginxProxy nginx = site.Nginx;
    private readonly HttpClient http = site.Http;

    private Uri PortalUri => site.PortalUri;

    [Fact]
    public async Task Through_nginx_the_portal_sees_the_customers_address_and_https()
    {
        (await ClientSeenAsync(nginx.BaseUri)).Should().Be("127.0.0.1 https");
    }

    [Fact]
    public async Task A_client_spoofing_forwarded_headers_through_nginx_gets_its_own_address()
    {
        (await ClientSeenAsync(nginx.BaseUri, spoofedFor: "198.51.100.7")).Should().Be("127.0.0.1 https");
    }

    [Fact]
    public async Task A_client_spoofing_forwarded_headers_straight_to_the_portal_is_not_believed()
    {
        (await ClientSeenAsync(PortalUri, spoofedFor: "203.0.113.9", spoofedProto: "https")).Should().Be("127.0.0.1 http");
    }

    [Fact]
    public async Task Redirects_through_nginx_keep_https()
    {
        var response = await http.GetAsync(new Uri(nginx.BaseUri, "admin"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().StartWith($"https://127.0.0.1:{nginx.Port}/Account/Login");
    }

    [Fact]
    public async Task The_sign_in_cookie_through_nginx_is_secure()
    {
        var login = new Uri(nginx.BaseUri, "Account/Login");
        var page = await http.GetAsync(login);
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var fields = SignedInClient.HiddenInput().Matches(await page.Content.ReadAsStringAsync())
            .GroupBy(m => m.Groups["name"].Value).ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));
        fields["Input.Email"] = DemoSeeder.CustomerEmail;
        fields["Input.Password"] = DemoSeeder.CustomerPassword;
        using var post = new HttpRequestMessage(HttpMethod.Post, login) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", cookies);

        var signedIn = await http.SendAsync(post);

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, nginx.ErrorLog);
        signedIn.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(".AspNetCore.Identity.Application=") && c.Contains("; secure"));
    }

    private async Task<string> ClientSeenAsync(Uri baseUri, string? spoofedFor = null, string? spoofedProto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, ProxiedPortal.EchoPath));
        if (spoofedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", spoofedFor);
        }

        if (spoofedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", spoofedProto);
        }

        var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, nginx.ErrorLog);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The portal and its nginx, started once for the class.</summary>
    public sealed class ProxiedSite : IAsyncLifetime
    {
        private readonly ProxiedPortal portal = new();

        public NginxProxy Nginx { get; private set; } = null!;

        public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        public Uri PortalUri { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var portalPort = NginxProxy.FreePort();
            portal.UseKestrel(portalPort);
            portal.StartServer();
            Nginx = new NginxProxy(portalPort);
            await Nginx.WaitUntilListeningAsync();
            PortalUri = new Uri($"http://127.0.0.1:{portalPort}/");
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            Nginx?.Dispose();
            await portal.DisposeAsync();
        }
    }

    /// <summary>The portal trusting the nginx of the test only, plus one route that says who the portal thinks the client is.</summary>
    private sealed class ProxiedPortal() : PortalWithRoute("/" + EchoPath, context => context.Response.WriteAsync($"{context.Connection.RemoteIpAddress} {context.Request.Scheme}"))
    {
        public const string EchoPath = "test/client";

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("ForwardedHeaders:KnownProxies:0", NginxProxy.ProxyAddress)];
    }
}
