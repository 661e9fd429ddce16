using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Accounts;

/// <summary>"RateLimits:Accounts": how many tries each account form takes per client address and per account in one window.</summary>
public sealed class AccountRateLimitOptions
{
    public const string SectionName = "RateLimits:Accounts";

    /// <summary>A clinic's shared connection (one address for the waiting room's Wi-Fi) must not lock out its visitors: generous.</summary>
    public int PerAddress { get; set; } = 60;

    /// <summary>
    /// Per e-mail address typed (existing or not, so the limit itself says nothing about which exist), per account for
    /// two-factor codes, and for a change of address both per account and per new address.
    /// </summary>
    public int PerAccount { get; set; } = 10;

    public int WindowMinutes { get; set; } = 15;

    /// <summary>
    /// Whether the counts live in the database every instance shares. Unset, they do on a server
    /// database (PostgreSQL, SQL Server: where instances run side by side, as the clustered
    /// scheduler assumes) and stay in memory on the embedded SQLite file (one process).
    /// </summary>
    public bool? SharedCounters { get; set; }

    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);
}

internal sealed class AccountRateLimitOptionsValidator : IValidateOptions<AccountRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountRateLimitOptions options) =>
        new OptionsErrors(AccountRateLimitOptions.SectionName)
            .AtLeast(nameof(options.PerAddress), options.PerAddress, 1)
            .AtLeast(nameof(options.PerAccount), options.PerAccount, 1)
            .Range(nameof(options.WindowMinutes), options.WindowMinutes, 1, 24 * 60)
            .Result;
}
