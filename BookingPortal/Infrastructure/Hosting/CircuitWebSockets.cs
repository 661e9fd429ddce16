using Microsoft.AspNetCore.Components.Server;

namespace BookingPortal.Infrastructure.Hosting;

/// <summary>How the interactive circuits' WebSockets are accepted.</summary>
internal static class CircuitWebSockets
{
    /// <summary>
    /// No per-message compression, although every browser offers it and the framework accepts it by
    /// default. Accepted, it keeps a zlib compressor (and a decompressor for what the browser sends)
    /// alive for each circuit's whole life: measured side by side with the browser's offer at 2,000
    /// waiting customers, 410.5 KB of server memory per circuit against 160.4 KB without it, and in a
    /// trial 190 KB with the compressor reset after each message (the decompressor still stays). A
    /// circuit's messages are small render batches, so the bytes saved are few; compression over TLS
    /// of pages that mix secrets with what a visitor typed is also what BREACH-style attacks need. The
    /// portal's own Content-Security-Policy sets frame-ancestors, which the framework sets only with
    /// compression on.
    /// </summary>
    public static void Configure(ServerComponentsEndpointOptions options) => options.DisableWebSocketCompression = true;
}
