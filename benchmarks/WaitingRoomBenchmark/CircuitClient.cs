using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WaitingRoomBenchmark;

/// <summary>
/// One browser tab as the server sees it: the prerendered page's component marker, then a
/// circuit over /_blazor (StartCircuit, UpdateRootComponents), every render batch acknowledged
/// with OnRenderCompleted and every JS call answered, as blazor.web.js does.
/// </summary>
public sealed partial class CircuitClient(Uri baseUri, CookieContainer cookies, HttpMessageHandler pages, Uri circuitUri, HttpMessageInvoker? http2) : IAsyncDisposable
{
    private HubConnection? connection;
    private long lastBatchTicks;

    public int Batches;

    public string? Error { get; private set; }

    /// <summary>Whether each circuit's WebSocket offers compression, as Chromium's does; BENCH_DEFLATE=0 offers none.</summary>
    public static bool OffersCompression { get; } = Environment.GetEnvironmentVariable("BENCH_DEFLATE") != "0";

    private static WebSocketDeflateOptions? Deflate => OffersCompression ? new() : null;

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
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(circuitUri, "_blazor"), options =>
            {
                options.Cookies = cookies;
                options.Transports = HttpTransportType.WebSockets;
                // The negotiate request goes through the shared page-load connections (see Browser);
                // on a client of its own each circuit left one more idle connection open on the portal.
                options.HttpMessageHandlerFactory = _ => new CustomerNegotiation(cookies, baseUri, pages);
                // Browsers offer permessage-deflate on every WebSocket (Chromium: "permessage-deflate;
                // client_max_window_bits"), and what the server keeps per circuit depends on what it accepts.
                options.WebSocketConfiguration = socket => socket.DangerousDeflateOptions = Deflate;
                if (http2 is not null)
                {
                    // The WebSocket is a stream of the customer's shared HTTP/2 connection; negotiating first would
                    // need an HTTP/1.1 request to the HTTP/2-only endpoint, and the WebSockets transport needs none.
                    options.SkipNegotiation = true;
                    options.WebSocketFactory = async (context, cancellationToken) =>
                    {
                        var socket = new ClientWebSocket();
                        socket.Options.HttpVersion = HttpVersion.Version20;
                        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
                        socket.Options.SetRequestHeader("Cookie", cookies.GetCookieHeader(baseUri));
                        socket.Options.DangerousDeflateOptions = Deflate;
                        await socket.ConnectAsync(context.Uri, http2, cancellationToken);
                        return socket;
                    };
                }
            });
        if (Environment.GetEnvironmentVariable("BENCH_DEBUG") == "1")
        {
            builder.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider, DebugLoggerProvider>();
        }

        // The builder registers the JSON protocol; Blazor only speaks blazorpack.
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        connection = builder.Build();
        // Arguments arrive loosely typed (see BlazorPackProtocol): the first is the batch or call id.
        connection.On("JS.RenderBatch", Type.EmptyTypes, async (arguments, _) =>
        {
            Interlocked.Exchange(ref lastBatchTicks, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref Batches);
            await connection.SendAsync("OnRenderCompleted", Convert.ToInt64(arguments[0], System.Globalization.CultureInfo.InvariantCulture), null);
        }, this);
        connection.On("JS.BeginInvokeJS", Type.EmptyTypes, async (arguments, _) =>
        {
            // Every JS call the page makes (MudBlazor's set-up, focus) succeeds with no value, as a quiet browser's would.
            var handle = Convert.ToInt64(arguments[0], System.Globalization.CultureInfo.InvariantCulture);
            if (handle != 0)
            {
                await connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]");
            }
        }, this);
        foreach (var ignored in new[] { "JS.AttachComponent", "JS.EndUpdateRootComponents", "JS.EndInvokeDotNet", "JS.DotNetStream", "JS.ReceiveByteArray", "JS.BeginTransmitStream" })
        {
            connection.On(ignored, Type.EmptyTypes, (_, _) => Task.CompletedTask, this);
        }

        connection.On("JS.Error", Type.EmptyTypes, (arguments, _) =>
        {
            Error = arguments.FirstOrDefault()?.ToString() ?? "JS.Error";
            return Task.CompletedTask;
        }, this);
        connection.Closed += ex =>
        {
            Error ??= ex?.Message ?? "closed";
            return Task.CompletedTask;
        };

        await connection.StartAsync(cancellationToken);
        var circuitId = await connection.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), new Uri(baseUri, path).ToString(), "[]", "", cancellationToken);
        if (circuitId is null)
        {
            Error = "StartCircuit refused";
            return false;
        }

        var adds = markers.Select((marker, i) => $$"""{"type":"add","ssrComponentId":{{i + 1}},"marker":{{marker}}}""");
        var operations = $$"""{"batchId":1,"operations":[{{string.Join(',', adds)}}]}""";
        await connection.SendAsync("UpdateRootComponents", operations, state.Success ? state.Groups["state"].Value : "", cancellationToken);
        return true;
    }

    [GeneratedRegex(@"<!--Blazor:(?<json>\{""type"":""server"".*?\})-->", RegexOptions.Singleline)]
    private static partial Regex ServerMarker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(?<state>[^-]*)-->")]
    private static partial Regex ComponentState();

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}

internal sealed class DebugLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger();

    public void Dispose()
    {
    }

    private sealed class Logger : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Debug;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.Error.WriteLine($"client {logLevel}: {formatter(state, exception)}");
    }
}
