using BookingPortal.Infrastructure.Hosting;
using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Infrastructure.Identity;

/// <summary>
/// POST /testing/sign-in?email=… signs an existing account in through Identity's own cookie path, without
/// its password. Benchmarks seat tens of thousands of distinct customers, and a password check each (PBKDF2,
/// slow on purpose) would cost the machine minutes of CPU before anything is measured. Mapped only with
/// Testing:SignIn on, and only in Development or Testing: anywhere else the portal refuses to start.
/// </summary>
public static class TestingSignIn
{
    public const string Key = "Testing:SignIn";

    public static IEndpointRouteBuilder MapTestingSignIn(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(Key))
        {
            return endpoints;
        }

        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (!TestRunEnvironments.Allows(environment))
        {
            throw new InvalidOperationException(
                $"'{Key}' signs anyone in without a password: it is for test runs only (environment Development or {TestRunEnvironments.Testing}), not {environment.EnvironmentName}.");
        }

        endpoints.MapPost("/testing/sign-in", async (string email, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) =>
        {
            if (await users.FindByEmailAsync(email) is not { } user)
            {
                // With a body: an empty 404 would be re-executed as the not-found page, which refuses a POST.
                return Results.NotFound(new { error = $"No account has the address {email}." });
            }

            await signIn.SignInAsync(user, isPersistent: false);
            return Results.NoContent();
        }).DisableAntiforgery();
        return endpoints;
    }
}
