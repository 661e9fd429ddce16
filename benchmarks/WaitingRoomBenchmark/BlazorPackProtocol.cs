using System.Buffers;
using System.Text;
using MessagePack;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace WaitingRoomBenchmark;

/// <summary>
/// Blazor Server speaks SignalR's MessagePack encoding under the protocol name "blazorpack": after a JSON handshake,
/// each message is a 7-bit varint length and a MessagePack array whose first item is the message type. Messages are
/// written with SignalR's own MessagePack protocol; those from the server are read loosely (an invocation's target and
/// its first argument as a plain MessagePack value), so the client does not need the exact signature of every JS.* call.
/// </summary>
public static class BlazorPackProtocol
{
    public const int InvocationType = 1;
    public const int CompletionType = 3;
    public const int CloseType = 7;
    private const byte RecordSeparator = 0x1e;
    private static readonly MessagePackHubProtocol Writer = new();

    public static ReadOnlyMemory<byte> Handshake { get; } = Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e");

    public static ReadOnlyMemory<byte> Ping { get; } = Writer.GetMessageBytes(PingMessage.Instance);

    public static ReadOnlyMemory<byte> Invocation(string? invocationId, string target, params object?[] arguments) =>
        Writer.GetMessageBytes(new InvocationMessage(invocationId, target, arguments));

    /// <summary>OnRenderCompleted(batchId, null), written directly: one goes back for every batch the crowd receives.</summary>
    public static byte[] RenderCompleted(long batchId)
    {
        var body = new ArrayBufferWriter<byte>(48);
        var writer = new MessagePackWriter(body);
        writer.WriteArrayHeader(6);
        writer.Write(InvocationType);
        writer.WriteMapHeader(0);
        writer.WriteNil();
        writer.Write("OnRenderCompleted");
        writer.WriteArrayHeader(2);
        writer.Write(batchId);
        writer.WriteNil();
        writer.WriteArrayHeader(0);
        writer.Flush();
        // The frame's length as a 7-bit varint: under 128 bytes, one byte.
        var frame = new byte[body.WrittenCount + 1];
        frame[0] = (byte)body.WrittenCount;
        body.WrittenSpan.CopyTo(frame.AsSpan(1));
        return frame;
    }

    /// <summary>The length of the handshake's answer (up to its record separator), or -1 while it is incomplete.</summary>
    public static int HandshakeLength(ReadOnlySpan<byte> received) => received.IndexOf(RecordSeparator) is var end and >= 0 ? end + 1 : -1;

    /// <summary>One message's MessagePack payload and the bytes it took with its length, or false while it is incomplete.</summary>
    public static bool TryReadFrame(ReadOnlyMemory<byte> input, out ReadOnlyMemory<byte> payload, out int consumed)
    {
        payload = default;
        consumed = 0;
        var span = input.Span;
        long length = 0;
        for (var header = 0; header < Math.Min(5, span.Length); header++)
        {
            length |= (long)(span[header] & 0x7f) << (7 * header);
            if ((span[header] & 0x80) == 0)
            {
                if (span.Length < header + 1 + length)
                {
                    return false;
                }

                payload = input.Slice(header + 1, (int)length);
                consumed = header + 1 + (int)length;
                return true;
            }
        }

        return false;
    }

    /// <summary>A message's type, and for an invocation its target and arguments; for a completion its id and result.</summary>
    public static ServerMessage Read(ReadOnlyMemory<byte> payload)
    {
        var reader = new MessagePackReader(payload);
        var fields = reader.ReadArrayHeader();
        var type = reader.ReadInt32();
        switch (type)
        {
            case InvocationType when fields >= 5:
            {
                reader.Skip(); // headers
                reader.Skip(); // invocation id: the server expects no answer to its JS.* calls through it
                var target = reader.ReadString()!;
                // Only the first argument is used (a batch's or a call's id, an error's text): the rest, a render
                // batch's bytes among them, is skipped rather than copied.
                var first = reader.ReadArrayHeader() > 0 ? ReadValue(ref reader) : null;
                return new ServerMessage(type, target, [first]);
            }
            case CompletionType:
            {
                reader.Skip(); // headers
                var invocationId = reader.ReadString();
                var resultKind = reader.ReadInt32();
                var result = fields > 4 ? ReadValue(ref reader) : null;
                // Result kind 1 is an error, whose text is the value; 2 is a void result; 3 a value.
                return new ServerMessage(type, invocationId, [resultKind, result]);
            }
            case CloseType:
                // [7, error, allowReconnect]: the error's text, if any, is the name.
                return new ServerMessage(type, fields > 1 && !reader.TryReadNil() ? reader.ReadString() : null, []);
            default:
                return new ServerMessage(type, null, []);
        }
    }

    private static object? ReadValue(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Integer:
                return reader.ReadInt64();
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Binary:
                return reader.ReadBytes() is { } bytes ? System.Buffers.BuffersExtensions.ToArray(bytes) : null;
            default:
                reader.Skip();
                return null;
        }
    }
}

/// <summary>What the server sent: for an invocation, its target; for a completion, the invocation's id.</summary>
public readonly record struct ServerMessage(int Type, string? Name, object?[] Arguments);
