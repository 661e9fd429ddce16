using System.Security.Claims;

namespace BookingPortal.Data;

/// <summary>
/// The claim types the portal issues (Identity's sign-in cookie, API-key principals), and the one way to read
/// the signed-in user's id from them.
/// </summary>
/// <remarks>
/// Short, OIDC-style names instead of Identity's WS-* URIs: the cookie carries every claim type, and each Blazor
/// circuit keeps its WebSocket request's Cookie header, the parsed cookie and the principal (its own copy of
/// each type string) for as long as the page is open, with tens of thousands of circuits in the waiting room.
/// The user name keeps <see cref="ClaimTypes.Name"/>: as the identity's name type it costs the cookie one byte.
/// </remarks>
public static class PortalClaims
{
    public const string UserIdType = "sub";
    public const string RoleType = "role";
    public const string EmailType = "email";
    public const string SecurityStampType = "stamp";

    /// <summary>The signed-in user's id, or null for a visitor.</summary>
    public static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(UserIdType) : null;

    /// <summary>An identity whose roles are read from <see cref="RoleType"/> claims, as IsInRole and [Authorize(Roles)] need.</summary>
    public static ClaimsIdentity Identity(IEnumerable<Claim> claims, string authenticationType) =>
        new(claims, authenticationType, ClaimTypes.Name, RoleType);
}
