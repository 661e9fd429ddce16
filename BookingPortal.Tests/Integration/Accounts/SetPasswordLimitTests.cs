namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// Manage → Set password, for an account made through an external provider, asks for no current password, but each
/// post that passes the form's checks reaches the password hasher (slow on purpose): a session must not post it
/// without end. It is limited per account, as the pages that check the current password are.
/// </summary>
public class SetPasswordLimitTests
{
    private const string Weak = "weakpassword";
    private const string Strong = "Another#Pass2026";

    [Fact]
    public async Task Setting_a_password_stops_at_the_per_account_limit_until_the_window_passes()
    {
        await using var factory = new ExternalLoginPortal(("RateLimits:Accounts:PerAccount", "2"), ("RateLimits:Accounts:WindowMinutes", "10"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var email = $"external-{Guid.NewGuid():N}@test.local";
        (await client.RegisterExternallyAsync(email)).StatusCode.Should().Be(HttpStatusCode.Redirect, "signed in, with no password of its own");

        var first = await client.SetPasswordAsync(Weak);
        var second = await client.SetPasswordAsync(Weak);
        var refused = await client.SetPasswordAsync(Strong);

        (first.StatusCode, second.StatusCode, refused.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests));
        WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()).Should().Contain("Error: Passwords must");
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(10));
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).Should().Contain("Error: Too many attempts. Try again in 10 minutes.");
        using var fresh = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await fresh.SignInFormAsync(email, Strong)).StatusCode.Should().Be(HttpStatusCode.OK, "the refused try set no password");

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        (await client.SetPasswordAsync(Strong)).StatusCode.Should().Be(HttpStatusCode.Redirect, "after the window the password is set");
        (await fresh.SignInFormAsync(email, Strong)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}

internal static class SetPasswordForm
{
    public static Task<HttpResponseMessage> SetPasswordAsync(this HttpClient client, string password) =>
        client.SubmitFormAsync("/Account/Manage/SetPassword", new()
        {
            ["_handler"] = "set-password", ["Input.NewPassword"] = password, ["Input.ConfirmPassword"] = password,
        });
}
