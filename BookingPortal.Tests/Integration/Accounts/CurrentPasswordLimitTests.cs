namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// Changing the password and closing the account check the signed-in user's current password, and Identity's lockout
/// guards only signing in: whoever holds a session (a shared computer left signed in) could guess it without end and
/// then own the account. Both pages count against one allowance per account.
/// </summary>
public class CurrentPasswordLimitTests
{
    private const string Guess = "Wrong#Guess2026";

    [Fact]
    public async Task Guessing_the_current_password_stops_at_the_limit_across_both_pages_that_check_it()
    {
        await using var factory = new SettingsPortalFactory(("RateLimits:Accounts:PerAccount", "2"), ("RateLimits:Accounts:WindowMinutes", "10"));
        var (email, client) = await factory.FreshSignedInAccountAsync();

        var changing = await client.SubmitFormAsync("/Account/Manage/ChangePassword", NewPassword(Guess));
        var closing = await client.SubmitFormAsync("/Account/Manage/DeletePersonalData", new() { ["Input.Password"] = Guess });
        var right = await client.SubmitFormAsync("/Account/Manage/ChangePassword", NewPassword(AccountTestSupport.Password));

        (changing.StatusCode, closing.StatusCode, right.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests));
        WebUtility.HtmlDecode(await closing.Content.ReadAsStringAsync()).Should().Contain("Error: Incorrect password.");
        WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync()).Should().Contain("Error: Too many attempts. Try again in 10 minutes.");
        var fresh = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await fresh.SignInFormAsync(email, AccountTestSupport.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect, "the refused change changed nothing");

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        (await client.SubmitFormAsync("/Account/Manage/ChangePassword", NewPassword(AccountTestSupport.Password))).StatusCode
            .Should().Be(HttpStatusCode.Redirect, "after the window the right password changes it");
    }

    private static Dictionary<string, string> NewPassword(string current) => new()
    {
        ["Input.OldPassword"] = current, ["Input.NewPassword"] = "Another#Pass2026", ["Input.ConfirmPassword"] = "Another#Pass2026",
    };
}
