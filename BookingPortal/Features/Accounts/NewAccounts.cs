using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Features.Accounts;

/// <summary>What became of a new account's address: an account, the errors to show, or neither (the address was taken).</summary>
public sealed record NewAccount(ApplicationUser? User, IReadOnlyList<IdentityError> Errors)
{
    /// <summary>The address already has an account: its owner was mailed, and the form answers as it does for a new account.</summary>
    public bool AddressTaken => User is null && Errors.Count == 0;
}

/// <summary>
/// Creates a customer's account for the address typed, for the register form and the address step after a first external
/// sign-in alike. "Already taken" would tell anyone which addresses have accounts: a taken address mails its owner
/// instead, and the form answers as for a new account.
/// </summary>
[ScopedService]
public sealed class NewAccounts(UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store, AccountLinks links)
{
    /// <param name="password">Null for an account that signs in through an external provider.</param>
    public async Task<NewAccount> CreateAsync(string email, string? password, string? returnUrl)
    {
        if (!users.SupportsUserEmail)
        {
            throw new NotSupportedException("The default UI requires a user store with email support.");
        }

        var user = new ApplicationUser { PreferredCulture = CultureInfo.CurrentUICulture.Name };
        await store.SetUserNameAsync(user, email, CancellationToken.None);
        await ((IUserEmailStore<ApplicationUser>)store).SetEmailAsync(user, email, CancellationToken.None);
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            await users.AddToRoleAsync(user, Roles.Customer);
            return new NewAccount(user, []);
        }

        var errors = result.Errors.Where(e => !IsDuplicate(e)).ToList();
        if (errors.Count == 0 && await users.FindByEmailAsync(email) is { } owner)
        {
            await links.SendAlreadyRegisteredAsync(owner, returnUrl);
        }

        return new NewAccount(null, errors);
    }

    private static bool IsDuplicate(IdentityError error) => error.Code is "DuplicateEmail" or "DuplicateUserName";
}
