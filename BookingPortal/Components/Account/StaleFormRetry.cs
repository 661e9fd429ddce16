using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using BookingPortal.Features.Localization;
using BookingPortal.Infrastructure.Http;

namespace BookingPortal.Components.Account;

/// <summary>
/// A form whose antiforgery token no longer matches its cookie (a phone that dropped its session cookies while
/// the tab stayed open, a sign-in in another tab) got the framework's bare 400: an empty page in Production, with
/// nothing to act on. It goes back instead, as a GET, to the page the form was on, which draws a fresh token and
/// says that nothing was sent. Nothing the form asked for happens: the request ends here.
/// </summary>
public static class StaleFormRetry
{
    public static WebApplication UseAntiforgeryWithRetry(this WebApplication app)
    {
        app.UseAntiforgery();
        app.Use((context, next) => IsStaleForm(context) ? SendBack(context) : next(context));
        return app;
    }

    // The antiforgery middleware only records the failure; the endpoint would answer 400 on reading it. Only a form,
    // by its content type (Request.HasFormContentType itself refuses a form that failed the check), posted to a page or
    // to the account endpoints its pages post to (sign-out, external sign-in). A script's call keeps its 400: a JSON
    // call (the passkey endpoints), or POST /bookings, whose script would read a redirect as a booking made.
    // Never on a re-run for the error page: the failed request's form (posted to an endpoint that takes no token) meets
    // the check again at /Error, and the client would be told its form had expired instead of that something failed.
    private static bool IsStaleForm(HttpContext context) =>
        context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
        && !IsReRun(context)
        && context.Request.ContentType is { } type
        && (type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) || type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        && (IsPage(context) || context.Request.Path.StartsWithSegments("/Account"));

    private static bool IsReRun(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>() is not null || context.Features.Get<IStatusCodeReExecuteFeature>() is not null;

    private static bool IsPage(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    private static Task SendBack(HttpContext context)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<PortalText>>();
        IdentityRedirectManager.AppendStatus(context, text["Error: This form had expired, so nothing was sent. Please try again."]);
        // A page's form posts to the page itself; an endpoint's (sign-out) to an address with no page behind it.
        var request = context.Request;
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = IsPage(context)
            ? $"{request.PathBase}{request.Path}{request.QueryString}"
            : ReturnPath.For(null, request);
        return Task.CompletedTask;
    }
}
