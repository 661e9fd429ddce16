using System.Buffers;
using MessagePack;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace WaitingRoomBenchmark;

/// <summary>
/// Blazor Server speaks SignalR's MessagePack encoding under the protocol name "blazorpack".
/// Writing is the .NET client's MessagePack protocol; invocations from the server are read
/// loosely (each argument as its plain MessagePack value), so the client does not need to know
/// the exact signature of every JS.* call of this framework version.
/// </summary>
public sealed class BlazorPackProtocol : IHubProtocol
{
    private const int InvocationMessageType = 1;
    private readonly MessagePackHubProtocol inner = new();

    public string Name => "blazorpack";

    public int Version => 1;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        if (!TryReadFrame(input, out var payload, out var consumed))
        {
            message = null;
            return false;
        }

        var reader = new MessagePackReader(payload);
        var fields = reader.ReadArrayHeader();
        if (reader.ReadInt32() != InvocationMessageType || fields < 5)
        {
            return inner.TryParseMessage(ref input, binder, out message);
        }

        reader.Skip(); // headers
        var invocationId = reader.TryReadNil() ? null : reader.ReadString();
        var target = reader.ReadString()!;
        var count = reader.ReadArrayHeader();
        var arguments = new object?[count];
        for (var i = 0; i < count; i++)
        {
            arguments[i] = ReadValue(ref reader);
        }

        message = new InvocationMessage(invocationId, target, arguments);
        input = input.Slice(consumed);
        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => version <= Version;

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
                return reader.ReadBytes()?.ToArray();
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>SignalR's binary framing: a 7-bit varint length, then the MessagePack payload.</summary>
    private static bool TryReadFrame(ReadOnlySequence<byte> input, out ReadOnlySequence<byte> payload, out long consumed)
    {
        payload = default;
        consumed = 0;
        long length = 0;
        var shift = 0;
        var header = 0;
        foreach (var segment in input)
        {
            foreach (var b in segment.Span)
            {
                length |= (long)(b & 0x7f) << shift;
                header++;
                if ((b & 0x80) == 0)
                {
                    if (input.Length < header + length)
                    {
                        return false;
                    }

                    payload = input.Slice(header, length);
                    consumed = header + length;
                    return true;
                }

                shift += 7;
                if (header >= 5)
                {
                    return false;
                }
            }
        }

        return false;
    }
}
