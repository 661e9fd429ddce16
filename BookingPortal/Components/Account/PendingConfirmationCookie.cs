using Microsoft.AspNetCore.DataProtection;

namespace BookingPortal.Components.Account;

/// <summary>
/// The address just registered, kept for the register-confirmation page's Development shortcut
/// only, in an encrypted, short-lived cookie rather than in the page's address (where it would
/// reach the browser's history, proxies' logs and the Referer header). Outside Development the page
/// needs no address at all, so nothing is written.
/// </summary>
internal static class PendingConfirmationCookie
{
    private const string Name = "Identity.PendingConfirmation";
    private const string Purpose = "BookingPortal.Account.PendingConfirmation";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public static void Remember(HttpContext http, string email)
    {
        if (!IsDevelopment(http))
        {
            return;
        }

        var protector = Protector(http);
        http.Response.Cookies.Append(Name, protector.Protect(email, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            MaxAge = Lifetime,
            Path = "/Account",
        });
    }

    /// <returns>The address registered in this browser in the last half hour, in Development; otherwise null.</returns>
    public static string? Recall(HttpContext http)
    {
        if (!IsDevelopment(http) || !http.Request.Cookies.TryGetValue(Name, out var sealedEmail))
        {
            return null;
        }

        try
        {
            return Protector(http).Unprotect(sealedEmail);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Expired, altered or from another key ring: the page shows its message without the shortcut.
            return null;
        }
    }

    private static bool IsDevelopment(HttpContext http) => http.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment();

    private static ITimeLimitedDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();
}
