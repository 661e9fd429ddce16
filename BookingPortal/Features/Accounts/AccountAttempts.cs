using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BookingPortal.Features.Accounts;

/// <summary>The account forms that take a limited number of tries.</summary>
public enum AccountForm
{
    SignIn,
    Register,
    ForgotPassword,
    ResendConfirmation,
    TwoFactor,
}

/// <summary>
/// Fixed windows per form, per client address and per account (the e-mail typed, or the
/// two-factor user), on top of Identity's lockout: lockout stops guessing one password, these stop
/// one address from trying many accounts and one account from being mailed or tried without end.
/// Counted on the injected clock (so tests move time instead of waiting) and kept per instance:
/// behind a load balancer each instance allows the limit, which still bounds a script.
/// </summary>
public sealed class AccountAttempts(IOptions<AccountRateLimitOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);
    private int sinceSweep;

    private sealed record Window(DateTimeOffset StartsAt, int Count);

    /// <summary>Counts one try; null when it may go ahead, else how long until the form takes tries again.</summary>
    public TimeSpan? TryAttempt(AccountForm form, string? clientAddress, string? account)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        SweepNow(now, settings.Window);
        var byAddress = Count($"{form}|ip|{clientAddress ?? "unknown"}", now, settings);
        var byAccount = string.IsNullOrWhiteSpace(account) ? null : Count($"{form}|account|{account.Trim().ToUpperInvariant()}", now, settings);
        var refused = new[] { (Entry: byAddress, Limit: settings.PerAddress), (Entry: byAccount, Limit: settings.PerAccount) }
            .Where(w => w.Entry is not null && w.Entry.Count > w.Limit)
            .Select(w => w.Entry!.StartsAt + settings.Window - now)
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
        return refused > TimeSpan.Zero ? refused : null;
    }

    private Window Count(string key, DateTimeOffset now, AccountRateLimitOptions settings) =>
        windows.AddOrUpdate(key, _ => new Window(now, 1), (_, current) => now - current.StartsAt >= settings.Window ? new Window(now, 1) : current with { Count = current.Count + 1 });

    /// <summary>Every thousand tries, windows that have ended are dropped, so a spray of made-up addresses cannot grow the table without end.</summary>
    private void SweepNow(DateTimeOffset now, TimeSpan window)
    {
        if (Interlocked.Increment(ref sinceSweep) % 1000 != 0)
        {
            return;
        }

        foreach (var (key, entry) in windows)
        {
            if (now - entry.StartsAt >= window)
            {
                windows.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }
}
