using System.Buffers.Text;

namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>Manage → Passkeys: each listed passkey's rename and delete buttons, and the add form, reach the page's handlers.</summary>
public class PasskeysPageTests : PortalSuite
{
    private const string Page = "/Account/Manage/Passkeys";

    [Fact]
    public async Task A_listed_passkey_goes_to_be_renamed_and_is_deleted_and_a_browser_s_refusal_is_shown()
    {
        var (customer, client) = await factory.SignInNewCustomerAsync();
        var credentialId = Guid.NewGuid().ToByteArray();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var passkey = new UserPasskeyInfo(credentialId, [1, 2, 3], DateTimeOffset.UnixEpoch, 0, null, true, false, false, [4], [5]);
            (await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(customer.Id))!, passkey)).Succeeded.Should().BeTrue();
        }

        var id = Base64Url.EncodeToString(credentialId);
        var rename = await client.SubmitFormAsync(Page, new() { ["_handler"] = $"update-passkey-{id}", ["CredentialId"] = id, ["Action"] = "rename" });
        var delete = await client.SubmitFormAsync(Page, new() { ["_handler"] = $"update-passkey-{id}", ["CredentialId"] = id, ["Action"] = "delete" });
        var deleted = WebUtility.HtmlDecode(await client.GetStringAsync(delete.Target()));
        var refused = await client.SubmitFormAsync(Page, new() { ["_handler"] = "add-passkey", ["Input.Error"] = "The browser said no." });

        rename.Target().Should().Be($"/Account/Manage/RenamePasskey/{id}");
        deleted.Should().Contain("Passkey deleted successfully.").And.Contain("No passkeys are registered.");
        WebUtility.HtmlDecode(await client.GetStringAsync(refused.Target())).Should().Contain("Error: The browser said no.");
    }
}
