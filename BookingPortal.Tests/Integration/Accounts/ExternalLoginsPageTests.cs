namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>Manage → External logins: a login of an account that also has a password can be removed from the page.</summary>
public class ExternalLoginsPageTests : PortalSuite
{
    private const string Page = "/Account/Manage/ExternalLogins";

    [Fact]
    public async Task A_login_beside_a_password_is_offered_for_removal_and_removed()
    {
        var (customer, client) = await factory.SignInNewCustomerAsync();
        var key = Guid.NewGuid().ToString("N");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var login = new UserLoginInfo("TestProvider", key, "Test provider");
            (await users.AddLoginAsync((await users.FindByIdAsync(customer.Id))!, login)).Succeeded.Should().BeTrue();
        }

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(Page));
        var removed = await client.SubmitFormAsync(Page, new() { ["_handler"] = "remove-login-TestProvider", ["LoginProvider"] = "TestProvider", ["ProviderKey"] = key });

        page.Should().Contain("Registered Logins").And.Contain("Remove this Test provider login from your account");
        WebUtility.HtmlDecode(await client.GetStringAsync(removed.Target())).Should().Contain("The external login was removed.");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.UserLogins.AnyAsync(l => l.UserId == customer.Id)).Should().BeFalse();
    }
}
