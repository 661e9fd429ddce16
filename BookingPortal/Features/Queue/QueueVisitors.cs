namespace BookingPortal.Features.Queue;

/// <summary>
/// Gives each browser that opens a booking page a random key in a cookie, so a release that lets
/// people wait without an account can keep their place, and hand it to their account when they
/// sign in. The key is 128 random bits: guessing someone's place is not practical. Each visit to a booking page
/// renews the cookie for another week: one set at last Monday's opening must not lapse during this Monday's.
/// </summary>
public static class QueueVisitors
{
    public const string CookieName = "bp_visitor";

    public static string? KeyOf(HttpContext? context) =>
        context is null ? null : context.Items[CookieName] as string ?? ValidOrNull(context.Request.Cookies[CookieName]);

    // Not async: an awaiting middleware keeps its state for as long as the request lasts, and a circuit's WebSocket
    // request lasts as long as the circuit (tens of thousands of them in a waiting room).
    public static IApplicationBuilder UseQueueVisitors(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path.Value ?? "";
        if (HttpMethods.IsGet(context.Request.Method) && path.StartsWith("/services/", StringComparison.OrdinalIgnoreCase)
            && path.EndsWith("/book", StringComparison.OrdinalIgnoreCase))
        {
            var key = ValidOrNull(context.Request.Cookies[CookieName]) ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            context.Items[CookieName] = key;
            context.Response.Cookies.Append(CookieName, key, new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(7),
            });
        }

        return next(context);
    });

    private static string? ValidOrNull(string? key) =>
        key is { Length: 32 } && key.All(char.IsAsciiHexDigitLower) ? key : null;
}
