using System.Diagnostics.CodeAnalysis;
using BookingPortal.Infrastructure.Identity;

namespace BookingPortal.Features.Accounts;

/// <summary>The account forms that take a limited number of tries.</summary>
public enum AccountForm
{
    SignIn,

    /// <summary>Creating an account mails its address: the register form and the external-login confirmation step share one allowance.</summary>
    Register,
    ForgotPassword,
    ResendConfirmation,
    TwoFactor,
    ChangeEmail,

    /// <summary>Pages that check the signed-in user's password (change it, close the account): a stolen session must not guess it without end.</summary>
    CurrentPassword,

    /// <summary>Manage → Set password, for an account without one: each try may hash a password, so a session must not post it without end.</summary>
    SetPassword,
}

/// <summary>
/// Fixed windows per form, per client address and per account (the e-mail typed, the two-factor
/// user, or for a change of address both the signed-in user and the address to be mailed), on top of
/// Identity's lockout: lockout stops guessing one password, these stop one address from trying many
/// accounts and one account from being mailed, mailing or tried without end.
/// Counted on the injected clock (so tests move time instead of waiting), in memory on a single
/// instance and in the shared database when instances run side by side (<see cref="IAttemptWindows"/>).
/// </summary>
[SingletonService]
public sealed class AccountAttempts(IAttemptWindows windows, IOptions<AccountRateLimitOptions> options, TimeProvider time)
{
    /// <summary>Counts one try; null when it may go ahead, else how long until the form takes tries again.</summary>
    public Task<TimeSpan?> TryAttemptAsync(AccountForm form, string? clientAddress, string? account, CancellationToken cancellationToken = default) =>
        TryAttemptAsync(form, clientAddress, [account], cancellationToken);

    /// <summary>
    /// Counts one try against every account it touches, each in its own window with the per-account limit: a change of
    /// address names the user asking and the address to be mailed, so neither one account mailing many addresses nor many
    /// accounts mailing one address get past it.
    /// </summary>
    public async Task<TimeSpan?> TryAttemptAsync(AccountForm form, string? clientAddress, IReadOnlyList<string?> accounts, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var byAddress = await windows.CountAsync($"{form}|ip|{clientAddress ?? "unknown"}", now, settings.Window, cancellationToken);
        var counted = new List<(AttemptWindow Window, int Limit)> { (byAddress, settings.PerAddress) };
        foreach (var account in accounts)
        {
            if (NamesAnAccount(account))
            {
                counted.Add((await windows.CountAsync($"{form}|account|{account.Trim().ToUpperInvariant()}", now, settings.Window, cancellationToken), settings.PerAccount));
            }
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
