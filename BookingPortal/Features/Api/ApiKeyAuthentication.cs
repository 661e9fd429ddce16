using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using BookingPortal.Infrastructure.Http;

namespace BookingPortal.Features.Api;

/// <summary>Claims an API-key principal carries, and the policies the API's endpoints require.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string KeyIdClaim = "api_key_id";
    public const string ScopeClaim = "scope";
    public const string ReadPolicy = "api:read";
    public const string BookPolicy = "api:book";

    public static ApiCaller Caller(ClaimsPrincipal user) => new(
        long.Parse(user.FindFirstValue(KeyIdClaim)!, System.Globalization.CultureInfo.InvariantCulture),
        PortalClaims.UserId(user)!,
        user.FindAll(ScopeClaim).Select(c => Enum.Parse<ApiScopes>(c.Value, ignoreCase: true)).Aggregate(ApiScopes.None, (all, s) => all | s),
        user.IsInRole(Roles.Staff));

    /// <summary>Staff keys with the admin scope act for any customer; every other key only for its owner.</summary>
    public static bool ActsAsStaff(this ApiCaller caller) => caller.IsStaff && caller.Scopes.HasFlag(ApiScopes.Admin);
}

/// <summary>
/// Reads "Authorization: Bearer bpk_…". Only the API's endpoints use this scheme; the portal's
/// pages keep the cookie, so a browser session can never drive the API (and no CSRF applies).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys, InvalidKeyThrottle badKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private TimeSpan? throttledFor;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "";
        if ((throttledFor = badKeys.WaitFor(address)) is not null)
        {
            return AuthenticateResult.Fail("Too many unknown or revoked API keys from this address.");
        }

        var caller = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            badKeys.CountBadKey(address);
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = new List<Claim>
        {
            new(PortalClaims.UserIdType, caller.OwnerId),
            new(ApiKeyDefaults.KeyIdClaim, caller.KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(Enum.GetValues<ApiScopes>().Where(s => s != ApiScopes.None && caller.Scopes.HasFlag(s))
            .Select(s => new Claim(ApiKeyDefaults.ScopeClaim, s.ToString().ToLowerInvariant())));
        if (caller.IsStaff)
        {
            claims.Add(new Claim(PortalClaims.RoleType, Roles.Staff));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(PortalClaims.Identity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (throttledFor is { } wait)
        {
            RetryAfter.Set(Response, wait);
            return ApiProblems.Write(Context, ApiProblems.RateLimited, "Too many unknown or revoked API keys came from this address; wait and try again.");
        }

        return ApiProblems.Write(Context, ApiProblems.InvalidKey, "Send a valid, unrevoked API key as 'Authorization: Bearer bpk_…'. Keys are created on your profile page.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, ApiProblems.InsufficientScope, "This API key does not have the scope this request needs.");
}
