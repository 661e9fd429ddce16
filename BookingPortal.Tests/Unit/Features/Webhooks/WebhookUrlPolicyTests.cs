using BookingPortal.Infrastructure.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace BookingPortal.Tests.Unit.Features.Webhooks;

/// <summary>The server-side request forgery guard on webhook URLs. Only IP literals, so no test needs DNS.</summary>
public class WebhookUrlPolicyTests
{
    private static WebhookUrlPolicy Policy(string environment = "Production", bool allowHttp = false, bool allowPrivate = false) =>
        new(Options.Create(new WebhooksOptions { AllowHttp = allowHttp, AllowPrivateNetworks = allowPrivate }),
            new HostingEnvironment { EnvironmentName = environment });

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::8.8.8.8")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("64:ff9b:1::a00:1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe")]
    [InlineData("2001:db8::1")]
    [InlineData("fe80::1%2")]
    [InlineData("198.18.0.1")]
    [InlineData("255.255.255.255")]
    public void Loopback_private_link_local_and_multicast_addresses_are_not_public(string address) =>
        WebhookUrlPolicy.IsPublic(IPAddress.Parse(address)).Should().BeFalse();

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2a00:1450:4001:82a::200e")]
    public void Public_addresses_are_public(string address) =>
        WebhookUrlPolicy.IsPublic(IPAddress.Parse(address)).Should().BeTrue();

    [Theory]
    [InlineData("http://93.184.216.34/hooks", "must start with https://")]
    [InlineData("https://127.0.0.1/hooks", "loopback, private or link-local")]
    [InlineData("https://169.254.169.254/latest/meta-data", "loopback, private or link-local")]
    [InlineData("https://[::1]/hooks", "loopback, private or link-local")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/latest/meta-data", "loopback, private or link-local")]
    [InlineData("https://[2002:a9fe:a9fe::]/hooks", "loopback, private or link-local")]
    [InlineData("https://[::ffff:169.254.169.254]/hooks", "loopback, private or link-local")]
    [InlineData("https://user:pw@93.184.216.34/hooks", "no user name or password")]
    [InlineData("not a url", "full address")]
    [InlineData("ftp://93.184.216.34/hooks", "must start with https://")]
    public async Task Refused_addresses_say_why(string url, string reason) =>
        (await Policy().CheckAsync(url))!.Message.Should().Contain(reason);

    [Fact]
    public async Task A_public_https_address_is_accepted() =>
        (await Policy().CheckAsync("https://93.184.216.34/hooks")).Should().BeNull();

    [Fact]
    public async Task Development_allows_http_and_explicit_settings_allow_private_addresses()
    {
        (await Policy("Development").CheckAsync("http://93.184.216.34/hooks")).Should().BeNull();
        (await Policy("Development").CheckAsync("http://127.0.0.1:5000/hooks"))!.Message.Should().Contain("loopback");
        (await Policy(allowHttp: true, allowPrivate: true).CheckAsync("http://127.0.0.1:5000/hooks")).Should().BeNull();
    }

    [Fact]
    public void Deliveries_never_go_through_an_environment_proxy()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Production" });
        services.AddWebhooks(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(WebhookChannel.ClientName);
        while (handler is DelegatingHandler outer)
        {
            handler = outer.InnerHandler;
        }

        var sockets = handler.Should().BeOfType<SocketsHttpHandler>().Subject;
        sockets.UseProxy.Should().BeFalse();
        sockets.AllowAutoRedirect.Should().BeFalse();
        sockets.ConnectCallback.Should().NotBeNull();
    }
}
