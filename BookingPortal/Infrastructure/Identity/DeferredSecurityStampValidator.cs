using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Infrastructure.Identity;

/// <summary>
/// Identity's check of the sign-in cookie against the account's security stamp, built only when a check
/// is due (the cookie is older than the validation interval) and in a scope of its own.
/// </summary>
/// <remarks>
/// Identity's validator is scoped and needs the sign-in manager, the user manager and a database context.
/// Resolved for every authenticated request, it lives as long as the request, and a Blazor circuit's
/// WebSocket is a request that lasts as long as the page is open: every waiting customer's connection
/// kept that graph and a database context leased from the pool, for a check that runs at most every
/// 30 minutes. The check itself is Identity's, unchanged.
/// </remarks>
public sealed class DeferredSecurityStampValidator(IServiceScopeFactory scopes, IOptions<SecurityStampValidatorOptions> options) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        // A cookie issued before the claim types were shortened has no user id under PortalClaims' type. Identity's
        // check would sign it out only once due (up to 30 minutes on), letting it pass as a user with no id until then.
        if (context.Principal is { } principal && PortalClaims.UserId(principal) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        if (!IsDue(context.Properties.IssuedUtc))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SecurityStampValidator<ApplicationUser>>().ValidateAsync(context);
    }

    // The same rule as SecurityStampValidator<TUser>.ValidateAsync: no issue time, or older than the interval.
    private bool IsDue(DateTimeOffset? issuedUtc) =>
        issuedUtc is not { } issued || (options.Value.TimeProvider ?? TimeProvider.System).GetUtcNow() - issued > options.Value.ValidationInterval;
}
