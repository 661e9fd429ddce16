using System.Diagnostics.CodeAnalysis;
using BookingPortal.Infrastructure.Identity;

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
/// Counted on the injected clock (so tests move time instead of waiting), in memory on a single
/// instance and in the shared database when instances run side by side (<see cref="IAttemptWindows"/>).
/// </summary>
[SingletonService]
public sealed class AccountAttempts(IAttemptWindows windows, IOptions<AccountRateLimitOptions> options, TimeProvider time)
{
    /// <summary>Counts one try; null when it may go ahead, else how long until the form takes tries again.</summary>
    public async Task<TimeSpan?> TryAttemptAsync(AccountForm form, string? clientAddress, string? account, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var byAddress = await windows.CountAsync($"{form}|ip|{clientAddress ?? "unknown"}", now, settings.Window, cancellationToken);
        var counted = new List<(AttemptWindow Window, int Limit)> { (byAddress, settings.PerAddress) };
        if (NamesAnAccount(account))
        {
            counted.Add((await windows.CountAsync($"{form}|account|{account.Trim().ToUpperInvariant()}", now, settings.Window, cancellationToken), settings.PerAccount));
        }

        var refused = counted.Where(c => c.Window.Count > c.Limit).Select(c => c.Window.EndsAt - now).DefaultIfEmpty(TimeSpan.Zero).Max();
        return refused > TimeSpan.Zero ? refused : null;
    }

    /// <summary>
    /// Text longer than an address can be names no account, and the forms refuse it beside the field: counting it would
    /// only spend the work of normalising and hashing it. The client address still counts the try.
    /// </summary>
    private static bool NamesAnAccount([NotNullWhen(true)] string? account) =>
        !string.IsNullOrWhiteSpace(account) && account.AsSpan().Trim().Length <= InputLimitsUserValidator.MaxEmailLength;
}
