using Microsoft.AspNetCore.Diagnostics;

namespace BookingPortal.Infrastructure.Errors;

/// <summary>
/// What failed, for an exception handler. The exception middleware points the request at the error page before it asks
/// the handlers, so the request's own path there is /Error: every error was logged "on GET /Error", and the API's
/// handler, asking whether the path was under /api, never answered, leaving API clients the HTML error page.
/// </summary>
public static class FailedRequest
{
    /// <summary>The address that failed, as it was asked for.</summary>
    public static PathString PathOf(HttpContext context) =>
        context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } path ? new PathString(path) : context.Request.Path;

    /// <summary>
    /// The failing endpoint's route (the calendar feed's is its pattern, not its token), or the address when no route
    /// matched. The log line's request scope keeps the address itself where it holds no secret.
    /// </summary>
    public static string ForLog(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Endpoint is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? pattern
            : PathOf(context).Value ?? "";
}
