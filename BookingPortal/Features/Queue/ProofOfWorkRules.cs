using System.Net;
using System.Numerics;
using System.Net.Sockets;

namespace BookingPortal.Features.Queue;

/// <summary>
/// The proof of work an early arrival's browser does before its entry counts in the draw: find a nonce
/// such that SHA-256 of "challenge:nonce" starts with <c>difficulty</c> zero bits (about 2^difficulty
/// hashes to find, one to check). The same rule runs in wwwroot/js/proof-of-work-worker.js.
/// </summary>
public static class ProofOfWorkRules
{
    public const int MaxDifficulty = 30;

    public static string NewChallenge() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsSolution(string challenge, string nonce, int difficulty) =>
        nonce.Length is > 0 and <= 20 && nonce.All(char.IsAsciiDigit)
        && LeadingZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes(challenge + ":" + nonce))) >= difficulty;

    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b != 0)
            {
                return bits + BitOperations.LeadingZeroCount((uint)b) - 24;
            }

            bits += 8;
        }

        return bits;
    }

    /// <summary>
    /// The difficulty for the next join: the base, one bit more for each doubling of the joins this opening
    /// already had from the same network beyond a household's few, and one more for each doubling of the
    /// opening's entries beyond the load step.
    /// </summary>
    public static int Difficulty(ProofOfWorkOptions options, int joinsFromNetwork, int entriesInOpening)
    {
        var network = joinsFromNetwork < options.FreeJoinsPerNetwork ? 0 : (int)Math.Log2((double)joinsFromNetwork / options.FreeJoinsPerNetwork) + 1;
        var load = entriesInOpening < options.LoadStep ? 0 : (int)Math.Log2((double)entriesInOpening / options.LoadStep) + 1;
        return Math.Min(MaxDifficulty, options.BaseDifficulty + network + load);
    }

    /// <summary>The slower, server-paced wait that stands in for the proof where a browser cannot do it: as long as a typical browser would take, doubled.</summary>
    public static TimeSpan PacedWait(ProofOfWorkOptions options, int difficulty) =>
        TimeSpan.FromSeconds(options.PacedSecondsAtBase * Math.Pow(2, difficulty - options.BaseDifficulty));

    /// <summary>The network an address belongs to for counting repeated joins: its /24 (IPv4) or /64 (IPv6).</summary>
    public static string NetworkOf(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return "unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var bytes = ip.GetAddressBytes();
        return ip.AddressFamily == AddressFamily.InterNetwork
            ? $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24"
            : Convert.ToHexStringLower(bytes.AsSpan(0, 8)) + "::/64";
    }
}
