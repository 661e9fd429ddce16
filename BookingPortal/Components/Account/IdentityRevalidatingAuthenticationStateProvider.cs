using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Components.Account;

// This is a server-side AuthenticationStateProvider that revalidates the security stamp for the connected user
// while an interactive circuit is connected: every minute for staff, every 30 minutes for everyone else.
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>
    /// A staff role taken away changes the security stamp (PeopleService.SetRoleAsync), and an open staff page
    /// should lose its authorization within a minute of that. Customers keep the template's 30 minutes: thousands
    /// of them hold waiting-room circuits, and a check a minute each would be hundreds of queries a second.
    /// </summary>
    internal static TimeSpan RevalidationIntervalFor(ClaimsPrincipal user) =>
        Roles.IsStaff(user) ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(30);

    // The base class reads this after awaiting the authentication state it revalidates, which is the current one.
    protected override TimeSpan RevalidationInterval =>
        RevalidationIntervalFor(GetAuthenticationStateAsync() is { IsCompletedSuccessfully: true } state ? state.Result.User : new ClaimsPrincipal());

    protected override Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User);

    /// <summary>False when the account is gone or its security stamp is no longer the one the principal was issued with.</summary>
    internal async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await ValidateSecurityStampAsync(userManager, principal);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<ApplicationUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}
