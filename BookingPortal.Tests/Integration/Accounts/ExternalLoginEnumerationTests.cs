namespace BookingPortal.Tests.Integration.Accounts;

/// <summary>
/// The address step after a first external sign-in answers an address that already has an account as it answers a new
/// one, as the register form does, and mails the address's owner instead: "already taken" would tell anyone holding a
/// provider identity which addresses have accounts here.
/// </summary>
public class ExternalLoginEnumerationTests
{
    private const string Step = "/Account/ExternalLogin?Action=LoginCallback";

    [Fact]
    public async Task A_taken_address_is_answered_as_a_new_one_and_its_owner_hears_of_it()
    {
        await using var portal = new ExternalLoginPortal();
        var owner = await portal.CreateSignInCustomerAsync();
        var unknown = $"new-{Guid.NewGuid():N}@test.local";
        using var forTaken = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var forUnknown = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var key = Guid.NewGuid().ToString("N");
        (await forUnknown.GetAsync($"{ExternalLoginPortal.SignInPath}?key={key}")).EnsureSuccessStatusCode();

        var taken = await forTaken.RegisterExternallyAsync(owner.Email);
        var fresh = await forUnknown.SubmitFormAsync(Step, new() { ["_handler"] = "confirmation", ["Input.Email"] = unknown });

        taken.StatusCode.Should().Be(HttpStatusCode.Redirect, "not the form again saying the address is taken");
        taken.Target().Should().Be(fresh.Target()).And.StartWith("/Account/RegisterConfirmation");
        WebUtility.HtmlDecode(await forTaken.GetStringAsync(taken.Target())).Should().Contain("Please check your email to confirm your account.");
        (await portal.MailToAsync(owner.Email)).Select(m => m.Kind).Should().Equal([NotificationKind.AlreadyRegistered], "the owner is told, with a link to sign in");
        (await portal.MailToAsync(unknown)).Select(m => m.Kind).Should().Equal([NotificationKind.ConfirmEmail]);
        await using var db = await portal.DbFactory.CreateDbContextAsync();
        (await db.UserLogins.CountAsync(l => l.UserId == owner.Id)).Should().Be(0, "the provider's login is not tied to the owner's account");
        using var returning = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await returning.GetAsync($"{ExternalLoginPortal.SignInPath}?key={key}")).EnsureSuccessStatusCode();
        (await returning.GetAsync($"{Step}&ReturnUrl=%2Fservices")).Target().Should().Be("/services", "the new account opens with the provider's login");
    }
}
