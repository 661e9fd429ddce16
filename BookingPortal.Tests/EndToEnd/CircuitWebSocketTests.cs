namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// What Chromium itself offers when a page opens its circuit, and what the portal answers: per-message
/// compression would keep a compressor alive on the server for each circuit (see CircuitWebSockets).
/// </summary>
public class CircuitWebSocketTests(BrowserFixture browser) : EndToEndTest
{
    [Fact]
    public async Task The_browser_offers_compression_for_the_circuit_and_the_portal_declines_it()
    {
        var page = await browser.NewPageAsync();
        var devTools = await page.Context.NewCDPSessionAsync(page);
        var offers = new ConcurrentQueue<JsonElement>();
        var answers = new ConcurrentQueue<JsonElement>();
        devTools.Event("Network.webSocketWillSendHandshakeRequest").OnEvent += (_, e) => offers.Enqueue(e!.Value.Clone());
        devTools.Event("Network.webSocketHandshakeResponseReceived").OnEvent += (_, e) => answers.Enqueue(e!.Value.Clone());
        await devTools.SendAsync("Network.enable");

        await BrowserFixture.SignInAsync(page, DemoSeeder.CustomerEmail, DemoSeeder.CustomerPassword);
        await BrowserFixture.OpenInteractiveAsync(page, "my/appointments");
        (await Poll.UntilAsync(() => Task.FromResult(!answers.IsEmpty), TimeSpan.FromSeconds(10))).Should().BeTrue("the circuit's WebSocket answered");

        Headers(offers.First(), "request").Should().ContainKey("sec-websocket-extensions").WhoseValue.Should().Contain("permessage-deflate");
        var answer = answers.First();
        answer.GetProperty("response").GetProperty("status").GetInt32().Should().Be(101);
        Headers(answer, "response").Should().NotContainKey("sec-websocket-extensions");
    }

    private static Dictionary<string, string> Headers(JsonElement handshake, string side) =>
        handshake.GetProperty(side).GetProperty("headers").EnumerateObject()
            .ToDictionary(header => header.Name.ToLowerInvariant(), header => header.Value.GetString() ?? "");
}
