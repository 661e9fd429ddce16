using BookingPortal.Features.Accounts;

namespace BookingPortal.Tests.Unit.Features.Accounts;

/// <summary>
/// The embedded default counts the account forms' tries in memory for a whole window, so what it keeps per try
/// must not depend on what a visitor typed: a megabyte posted as an e-mail address, again and again, would
/// otherwise stay in the process for fifteen minutes each time.
/// </summary>
public class MemoryAttemptWindowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_key_of_100_000_characters_is_kept_as_short_as_one_of_twenty()
    {
        var windows = new MemoryAttemptWindows();

        await windows.CountAsync("SignIn|account|" + new string('A', 100_000) + "@EXAMPLE.COM", Now, TimeSpan.FromMinutes(15));
        await windows.CountAsync("SignIn|account|A@EXAMPLE.COM", Now, TimeSpan.FromMinutes(15));

        windows.Keys.Should().HaveCount(2).And.OnlyContain(key => key.Length == 64, "each window is kept under the key's SHA-256, as in the shared table");
        windows.Keys.Should().NotContain(key => key.Contains('@'), "the table holds no address");
    }

    [Fact]
    public async Task The_same_key_still_counts_in_one_window_once_hashed()
    {
        var windows = new MemoryAttemptWindows();
        var key = "ForgotPassword|account|" + new string('B', 100_000);

        await windows.CountAsync(key, Now, TimeSpan.FromMinutes(15));
        var second = await windows.CountAsync(key, Now.AddMinutes(1), TimeSpan.FromMinutes(15));

        second.Should().Be(new AttemptWindow(Now.AddMinutes(15), 2));
        windows.Keys.Should().ContainSingle();
    }

    [Fact]
    public async Task An_address_longer_than_254_characters_is_not_counted_as_an_account_but_the_client_address_is()
    {
        var windows = new MemoryAttemptWindows();
        var attempts = new AccountAttempts(windows, Options.Create(new AccountRateLimitOptions { PerAccount = 1, PerAddress = 2 }), new FakeTimeProvider(Now));
        var overlong = new string('c', 255) + "@example.com";

        var first = await attempts.TryAttemptAsync(AccountForm.SignIn, "203.0.113.7", overlong);
        var second = await attempts.TryAttemptAsync(AccountForm.SignIn, "203.0.113.7", overlong);
        var third = await attempts.TryAttemptAsync(AccountForm.SignIn, "203.0.113.7", overlong);

        (first, second).Should().Be(((TimeSpan?)null, (TimeSpan?)null), "one try per account would have refused the second: no account was counted");
        third.Should().Be(TimeSpan.FromMinutes(15), "the client address's limit of two still holds");
        windows.Keys.Should().ContainSingle("only the client address's window is kept");
    }

    [Fact]
    public async Task An_address_of_254_characters_is_still_counted_as_an_account()
    {
        var windows = new MemoryAttemptWindows();
        var attempts = new AccountAttempts(windows, Options.Create(new AccountRateLimitOptions { PerAccount = 1 }), new FakeTimeProvider(Now));
        var longest = "  " + new string('d', 254 - "@example.com".Length) + "@example.com  ";

        await attempts.TryAttemptAsync(AccountForm.SignIn, "203.0.113.7", longest);
        var second = await attempts.TryAttemptAsync(AccountForm.SignIn, "203.0.113.8", longest.Trim().ToUpperInvariant());

        second.Should().Be(TimeSpan.FromMinutes(15), "the longest real address, spaces around it aside, is limited per account");
    }
}
