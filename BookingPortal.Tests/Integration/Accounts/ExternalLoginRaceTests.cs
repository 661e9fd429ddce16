namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// Two tabs finish a first external sign-in with different addresses: the first links the provider's login to its new
/// account; the second's account cannot take the same login. Left behind, it would open for no one (no login, no
/// password) and keep its address taken.
/// </summary>
public class ExternalLoginRaceTests
{
    [Fact]
    public async Task An_account_whose_login_went_to_another_account_meanwhile_is_not_kept_and_the_page_says_why()
    {
        await using var portal = new ExternalLoginPortal();
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var key = Guid.NewGuid().ToString("N");
        (await client.GetAsync($"{ExternalLoginPortal.SignInPath}?key={key}")).EnsureSuccessStatusCode();
        const string Step = "/Account/ExternalLogin?Action=LoginCallback";
        var second = $"second-{key}@test.local";
        var form = await client.FilledFormAsync(Step, new() { ["_handler"] = "confirmation", ["Input.Email"] = second });
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var firstTab = new ApplicationUser { UserName = $"first-{key}@test.local", Email = $"first-{key}@test.local" };
            (await users.CreateAsync(firstTab)).Succeeded.Should().BeTrue();
            (await users.AddLoginAsync(firstTab, new UserLoginInfo(ExternalLoginPortal.ProviderName, key, ExternalLoginPortal.ProviderName))).Succeeded.Should().BeTrue();
        }

        var answer = await client.PostAsync(Step, new FormUrlEncodedContent(form));

        answer.StatusCode.Should().Be(HttpStatusCode.OK, "the form is shown again");
        WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()).Should().Contain("A user with this login already exists.");
        await using var db = await portal.DbFactory.CreateDbContextAsync();
        (await db.Users.AnyAsync(u => u.Email == second)).Should().BeFalse("an account no one can open is not kept");
        (await portal.MailToAsync(second)).Should().BeEmpty();
    }
}
