using System.Text.Json;

namespace BookingPortal.Features.Webhooks.Ports;

/// <summary>
/// The <c>BookingPortal-Signature</c> header: <c>t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c>.
/// Signing the timestamp with the body lets a receiver refuse old replays; comparing in constant
/// time keeps the check from leaking how much of a forged signature was right.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "BookingPortal-Signature";
    public const string EventIdHeader = "BookingPortal-Event-Id";
    public const string EventTypeHeader = "BookingPortal-Event";

    /// <summary>
    /// The event id a delivery's header repeats, read from the stored body; null for a body that is gone
    /// (an earlier version's retention emptied webhook bodies too, and those rows are still in the outbox).
    /// </summary>
    public static string? EventIdOf(string body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString();
    }

    public static string Sign(string secret, DateTimeOffset timestamp, string body)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        return $"t={seconds},v1={Compute(secret, seconds, body)}";
    }

    /// <summary>True when the header was made with this secret over this body, no more than <paramref name="tolerance"/> from now.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? seconds = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0].Trim() == "t" && long.TryParse(pair[1], System.Globalization.CultureInfo.InvariantCulture, out var t))
            {
                seconds = t;
            }
            else if (pair[0].Trim() == "v1")
            {
                signatures.Add(pair[1].Trim());
            }
        }

        if (seconds is not { } stamp || Math.Abs(now.ToUnixTimeSeconds() - stamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, stamp, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }

    private static string Compute(string secret, long seconds, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{seconds}.{body}")));
}
