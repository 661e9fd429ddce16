using BookingPortal.Components.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BookingPortal.Infrastructure.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Cookie sign-in with ASP.NET Core Identity, roles, and lockout after repeated failures.</summary>
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization();

        services.AddIdentityCore<ApplicationUser>(IdentityServiceOptions.Configure)
            .AddRoles<IdentityRole>()
            .AddBookingIdentityStores()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<SecurityStampValidator<ApplicationUser>>();
        services.AddScoped<IUserValidator<ApplicationUser>, InputLimitsUserValidator>();
        services.Replace(ServiceDescriptor.Singleton<ISecurityStampValidator, DeferredSecurityStampValidator>());

        // Identity's e-mail sender is the Accounts feature's (AddAccounts): its messages go through the outbox.
        // The key ring lives in the portal's database, so every instance behind the load balancer
        // reads the cookies (and antiforgery tokens) the others issued, and keys survive restarts.
        services.AddDataProtection()
            .SetApplicationName("BookingPortal")
            .PersistKeysToDbContext<BookingDbContext>();
        services.AddScoped<FirstAdminSetup>();
        services.AddHostedService<FirstAdminSetupAnnouncer>();
        return services;
    }
}
