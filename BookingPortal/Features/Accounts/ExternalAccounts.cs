using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Features.Accounts;

/// <summary>
/// Account/ExternalLogin's work after a sign-in with an external provider: signing in a login the portal knows, or
/// making the account for the address typed, tied to that login.
/// </summary>
[ScopedService]
public sealed class ExternalAccounts(
    NewAccounts accounts, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, AccountLinks links, ILogger<ExternalAccounts> logger)
{
    public async Task<SignInResult> SignInAsync(ExternalLoginInfo login)
    {
        var result = await signIn.ExternalLoginSignInAsync(login.LoginProvider, login.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (result.Succeeded)
        {
            logger.LogInformation("{Name} logged in with {LoginProvider} provider.", PersonalDataMask.Email(login.Principal.Identity?.Name), login.LoginProvider);
        }

        return result;
    }

    /// <summary>A taken address is answered as NewAccounts answers it (its owner is mailed); a new account is mailed its confirmation and signed in.</summary>
    public async Task<NewAccount> CreateAsync(ExternalLoginInfo login, string email, string? returnUrl)
    {
        var created = await accounts.CreateAsync(email, password: null, returnUrl);
        if (created.User is not { } user)
        {
            return created;
        }

        var linked = await users.AddLoginAsync(user, login);
        if (!linked.Succeeded)
        {
            // The login went to another account meanwhile (a second tab): one with neither a login nor a password opens
            // for no one and would keep this address taken, so it goes.
            await users.DeleteAsync(user);
            return new NewAccount(null, linked.Errors.ToList());
        }

        logger.LogInformation("User created an account using {Name} provider.", login.LoginProvider);
        await links.SendEmailConfirmationAsync(user, returnUrl);
        // Signed in either way (the provider vouched for the person); booking waits for the confirmed address where that is required.
        await signIn.SignInAsync(user, isPersistent: false, login.LoginProvider);
        return created;
    }
}
