using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using System.Text.Json;

namespace WaitingRoomBenchmark;

/// <summary>
/// One browser tab as the server sees it: the prerendered page's component marker, then a circuit over /_blazor
/// (negotiate, the WebSocket, SignalR's handshake, StartCircuit, UpdateRootComponents), every render batch
/// acknowledged with OnRenderCompleted and every JS call answered, as blazor.web.js does. It speaks the protocol on
/// the socket itself: the .NET SignalR client took about 90 µs of this machine's CPU per update it received, CPU the
/// server it measures then waited for; the crowd's own devices would not take it from the server.
/// </summary>
public sealed partial class CircuitClient(Uri baseUri, CookieContainer cookies, HttpMessageHandler pages, Uri circuitUri, HttpMessageInvoker? http2) : IAsyncDisposable
{
    /// <summary>The server drops a connection it has heard nothing from for 30 s: after 15 quiet seconds a client pings, as SignalR's do.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>How often a client looks whether it has been quiet that long: a ping goes at most 20 s after the last message.</summary>
    private static readonly TimeSpan KeepAliveCheck = TimeSpan.FromSeconds(5);
    private const string StartCircuitId = "0";
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly TaskCompletionSource<string?> circuitStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ClientWebSocket socket = new();
    private Timer? keepAlive;
    private long lastBatchTicks;
    private long lastSentTicks;

    public int Batches;

    public string? Error { get; private set; }

    /// <summary>Drew the page and still holds its circuit.</summary>
    public bool Drawn => Batches > 0 && Error is null;

    /// <summary>Drew the page or failed: nothing more to wait for.</summary>
    public bool Settled => Batches > 0 || Error is not null;

    /// <summary>Whether each circuit's WebSocket offers compression, as Chromium's does; BENCH_DEFLATE=0 offers none.</summary>
    public static bool OffersCompression { get; } = Environment.GetEnvironmentVariable("BENCH_DEFLATE") != "0";

    /// <summary>Stopwatch ticks of the last render batch received.</summary>
    public long LastBatchTicks => Interlocked.Read(ref lastBatchTicks);

    public async Task<bool> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        using var pageLoads = new HttpMessageInvoker(pages, disposeHandler: false);
        var html = await Browser.GetPageAsync(pageLoads, baseUri, cookies, path, cancellationToken);
        // Every interactive root on the page (the head outlet and the routes) is added to the circuit, as the browser does.
        var markers = ServerMarker().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["json"].Value)).ToList();
        if (markers.Count == 0)
        {
            Error = "no server component marker in the page";
            return false;
        }

        var state = ComponentState().Match(html);
        var address = new UriBuilder(new Uri(circuitUri, "_blazor")) { Scheme = "ws" };
        // Browsers offer permessage-deflate on every WebSocket (Chromium: "permessage-deflate; client_max_window_bits"),
        // and what the server keeps per circuit depends on what it accepts.
        socket.Options.DangerousDeflateOptions = OffersCompression ? new() : null;
        if (cookies.GetCookieHeader(baseUri) is { Length: > 0 } cookieHeader)
        {
            socket.Options.SetRequestHeader("Cookie", cookieHeader);
        }

        if (http2 is null)
        {
            address.Query = "id=" + Uri.EscapeDataString(await NegotiateAsync(pageLoads, cancellationToken));
        }
        else
        {
            // The WebSocket is a stream of the customer's shared HTTP/2 connection; negotiating first would need an
            // HTTP/1.1 request to the HTTP/2-only endpoint, and the WebSockets transport needs none.
            socket.Options.HttpVersion = HttpVersion.Version20;
            socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        await socket.ConnectAsync(address.Uri, http2, cancellationToken);
        await SendAsync(BlazorPackProtocol.Handshake, cancellationToken);
        var (buffer, filled) = await ReceiveHandshakeAsync(cancellationToken);
        _ = ReceiveAsync(buffer, filled);
        keepAlive = new Timer(_ => _ = PingIfQuietAsync(), null, KeepAliveCheck, KeepAliveCheck);
        await SendAsync(BlazorPackProtocol.Invocation(StartCircuitId, "StartCircuit", baseUri.ToString(), new Uri(baseUri, path).ToString(), "[]", ""), cancellationToken);
        if (await circuitStarted.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken) is null)
        {
            Error ??= "StartCircuit refused";
            return false;
        }

        var adds = markers.Select((marker, i) => $$"""{"type":"add","ssrComponentId":{{i + 1}},"marker":{{marker}}}""");
        var operations = $$"""{"batchId":1,"operations":[{{string.Join(',', adds)}}]}""";
        await SendAsync(BlazorPackProtocol.Invocation(null, "UpdateRootComponents", operations, state.Success ? state.Groups["state"].Value : ""), cancellationToken);
        return true;
    }

    private async Task<string> NegotiateAsync(HttpMessageInvoker pageLoads, CancellationToken cancellationToken)
    {
        // Through the shared page-load connections (see Browser): on a client of its own each circuit left one more
        // idle connection open on the portal.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(circuitUri, "_blazor/negotiate?negotiateVersion=1"));
        using var response = await Browser.SendAsync(pageLoads, request, baseUri, cookies, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var negotiation = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return negotiation.RootElement.GetProperty("connectionToken").GetString()!;
    }

    private async Task<(byte[] Buffer, int Filled)> ReceiveHandshakeAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var filled = 0;
        int length;
        while ((length = BlazorPackProtocol.HandshakeLength(buffer.AsSpan(0, filled))) < 0)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(filled), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close || filled + result.Count == buffer.Length)
            {
                throw new InvalidOperationException("the server did not answer the handshake");
            }

            filled += result.Count;
        }

        var answer = System.Text.Encoding.UTF8.GetString(buffer, 0, length - 1);
        if (answer.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"handshake refused: {answer}");
        }

        // What came after the handshake's answer in the same read is the first message's start.
        buffer.AsSpan(length, filled - length).CopyTo(buffer);
        return (buffer, filled - length);
    }

    /// <summary>Reads the server's messages until the socket closes; a message may span reads, and one read may hold several.</summary>
    private async Task ReceiveAsync(byte[] buffer, int filled)
    {
        try
        {
            while (true)
            {
                var offset = 0;
                while (BlazorPackProtocol.TryReadFrame(buffer.AsMemory(offset, filled - offset), out var payload, out var consumed))
                {
                    await HandleAsync(BlazorPackProtocol.Read(payload));
                    offset += consumed;
                }

                buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                filled -= offset;
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Fail("closed by the server");
                    return;
                }

                filled += result.Count;
            }
        }
        catch (Exception ex)
        {
            Fail(ex.Message);
        }
    }

    private async ValueTask HandleAsync(ServerMessage message)
    {
        switch (message)
        {
            case { Type: BlazorPackProtocol.InvocationType, Name: "JS.RenderBatch" }:
                Interlocked.Exchange(ref lastBatchTicks, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref Batches);
                await SendAsync(BlazorPackProtocol.RenderCompleted(IdOf(message)), CancellationToken.None);
                break;
            case { Type: BlazorPackProtocol.InvocationType, Name: "JS.BeginInvokeJS" } when IdOf(message) is var handle and not 0:
                // Every JS call the page makes (MudBlazor's set-up, focus) succeeds with no value, as a quiet browser's would.
                await SendAsync(BlazorPackProtocol.Invocation(null, "EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]"), CancellationToken.None);
                break;
            case { Type: BlazorPackProtocol.InvocationType, Name: "JS.Error" }:
                Fail(message.Arguments.FirstOrDefault()?.ToString() ?? "JS.Error");
                break;
            case { Type: BlazorPackProtocol.CompletionType, Name: StartCircuitId }:
                // [result kind, value]: 3 carries the circuit's id (null when refused), 1 an error's text.
                if (message.Arguments[0] is 1)
                {
                    Fail($"StartCircuit failed: {message.Arguments[1]}");
                }

                circuitStarted.TrySetResult(message.Arguments[1] as string);
                break;
            case { Type: BlazorPackProtocol.CloseType }:
                Fail(message.Name ?? "closed");
                break;
        }
    }

    private static long IdOf(ServerMessage message) => Convert.ToInt64(message.Arguments[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Marks the tab failed (the first reason stands), and ends a wait for its circuit.</summary>
    public void Fail(string error)
    {
        Error ??= error;
        circuitStarted.TrySetResult(null);
    }

    private async Task PingIfQuietAsync()
    {
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref lastSentTicks)) < KeepAlive || socket.State != WebSocketState.Open)
        {
            return;
        }

        try
        {
            await SendAsync(BlazorPackProtocol.Ping, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Fail(ex.Message);
        }
    }

    /// <summary>One message at a time on the socket: acknowledgements, answers and pings come from different threads.</summary>
    private async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
            Interlocked.Exchange(ref lastSentTicks, Stopwatch.GetTimestamp());
        }
        finally
        {
            sending.Release();
        }
    }

    [GeneratedRegex(@"<!--Blazor:(?<json>\{""type"":""server"".*?\})-->", RegexOptions.Singleline)]
    private static partial Regex ServerMarker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[^-]*)-->")]
    private static partial Regex ComponentState();

    public async ValueTask DisposeAsync()
    {
        if (keepAlive is not null)
        {
            await keepAlive.DisposeAsync();
        }

        socket.Abort();
        socket.Dispose();
        sending.Dispose();
    }
}
