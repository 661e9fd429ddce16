using BookingPortal.Features.Localization;
using BookingPortal.Infrastructure.Http;

namespace BookingPortal.Features.Accounts;

/// <summary>
/// What an account form does when its limit is reached: answers 429 with Retry-After (what a script
/// reads) and gives the form a sentence to show (what a person reads), in the page's language.
/// </summary>
public static class TooManyAttempts
{
    /// <returns>Null when the try may go ahead; else the message the form shows instead of acting.</returns>
    public static Task<string?> CheckAsync(AccountAttempts attempts, AccountForm form, string? account, HttpContext http, IStringLocalizer<PortalText> text) =>
        CheckAsync(attempts, form, [account], http, text);

    /// <summary>For a try that touches more than one account (<see cref="AccountAttempts.TryAttemptAsync(AccountForm, string?, IReadOnlyList{string?}, CancellationToken)"/>).</summary>
    public static async Task<string?> CheckAsync(AccountAttempts attempts, AccountForm form, IReadOnlyList<string?> accounts, HttpContext http, IStringLocalizer<PortalText> text)
    {
        if (await attempts.TryAttemptAsync(form, http.Connection.RemoteIpAddress?.ToString(), accounts, http.RequestAborted) is not { } wait)
        {
            return null;
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        RetryAfter.Set(http.Response, wait);
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        return minutes <= 1 ? text["Error: Too many attempts. Try again in 1 minute."] : text["Error: Too many attempts. Try again in {0} minutes.", minutes];
    }
}
