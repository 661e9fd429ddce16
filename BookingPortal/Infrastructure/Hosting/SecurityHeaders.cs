using Microsoft.Net.Http.Headers;

namespace BookingPortal.Infrastructure.Hosting;

/// <summary>Sets the portal's security headers on every response, error pages and cached pages included.</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Powerful features the portal never uses are off; passkeys (WebAuthn) stay on for the
    /// portal's own pages.
    /// </summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), " +
        "publickey-credentials-create=(self), publickey-credentials-get=(self)";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = app.ApplicationServices.GetRequiredService<ContentSecurityPolicy>();
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // Set, not appended: a second policy (Blazor's, were circuit compression ever turned
                // back on; see CircuitWebSockets) would allow only what both allow. X-Frame-Options (antiforgery's
                // SAMEORIGIN) goes: it cannot name other origins, and CSP frame-ancestors supersedes it.
                headers.ContentSecurityPolicy = policy.Value;
                headers.Remove(HeaderNames.XFrameOptions);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
