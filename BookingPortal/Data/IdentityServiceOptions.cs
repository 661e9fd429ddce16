using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Data;

/// <summary>Identity settings shared by the app and the design-time (migrations) context, so both see one schema.</summary>
public static class IdentityServiceOptions
{
    public static void Configure(IdentityOptions options)
    {
        // No e-mail is sent until a provider is configured, so a new customer must be able to book at once.
        options.SignIn.RequireConfirmedAccount = false;
        options.User.RequireUniqueEmail = true;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        options.ClaimsIdentity.UserIdClaimType = PortalClaims.UserIdType;
        options.ClaimsIdentity.RoleClaimType = PortalClaims.RoleType;
        options.ClaimsIdentity.EmailClaimType = PortalClaims.EmailType;
        options.ClaimsIdentity.SecurityStampClaimType = PortalClaims.SecurityStampType;
    }
}
