using System.Net.Sockets;
using System.Text;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A webhook receiver on 127.0.0.1 that takes one request and answers 200 with a body of <see cref="BodyBytes"/>
/// bytes, counting how many the portal's connection took before it hung up. A plain socket rather than Kestrel:
/// Kestrel goes on accepting writes for a while after the client has gone, so it cannot tell what was read,
/// while a socket's write fails once the other end has closed, and a small send buffer keeps what the
/// kernels hold on the portal's behalf to little next to the body.
/// </summary>
public sealed class HugeAnswerReceiver : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task<long> serving;

    public HugeAnswerReceiver(long bodyBytes)
    {
        BodyBytes = bodyBytes;
        listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hooks";
        serving = ServeOneAsync();
    }

    public long BodyBytes { get; }

    public string Url { get; }

    /// <summary>The body's bytes the portal's connection took: all of them only if it read the answer to the end.</summary>
    public Task<long> Written => serving;

    private async Task<long> ServeOneAsync()
    {
        using var client = await listener.AcceptTcpClientAsync(stop.Token);
        client.SendBufferSize = 64 * 1024;
        var stream = client.GetStream();
        await ReadRequestAsync(stream);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {BodyBytes}\r\n\r\n"), stop.Token);
        var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
        long written = 0;
        try
        {
            while (written < BodyBytes)
            {
                await stream.WriteAsync(chunk, stop.Token);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            // The portal hung up before the end of the body.
        }

        return written;
    }

    /// <summary>The request's head and then as many bytes as its Content-Length says, so answering never cuts the request short.</summary>
    private async Task ReadRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, stop.Token);
            if (read == 0)
            {
                throw new IOException("The request ended before its head did.");
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        var head = Encoding.ASCII.GetString(received.ToArray(), 0, headEnd);
        var length = Regex.Match(head, @"^Content-Length:\s*(\d+)", RegexOptions.IgnoreCase | RegexOptions.Multiline);
        var missing = (length.Success ? int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0) - (received.Count - headEnd - 4);
        while (missing > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(missing, buffer.Length)), stop.Token);
            missing -= read > 0 ? read : throw new IOException("The request ended before its body did.");
        }
    }

    private static int IndexOfHeadEnd(List<byte> received) =>
        Encoding.ASCII.GetString(received.ToArray()).IndexOf("\r\n\r\n", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await serving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
        {
            // Never called, or stopped half-way: nothing to keep.
        }

        stop.Dispose();
    }
}
