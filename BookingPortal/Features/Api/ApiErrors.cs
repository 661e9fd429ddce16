using System.Text.Json;
using BookingPortal.Infrastructure.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace BookingPortal.Features.Api;

/// <summary>
/// Every error answer under /api is a problem document with a stable type: the ones the endpoints
/// choose, and the ones the framework gives before or instead of an endpoint (an unknown address or a
/// non-numeric id, a wrong method, an unreadable request, headers too large, an exception).
/// </summary>
public static class ApiErrors
{
    public static readonly PathString Prefix = "/api";

    /// <summary>Refused here with a problem; Kestrel's own limit (set above this) refuses larger ones without a body.</summary>
    public const int MaxHeaderBytes = 32 * 1024;
    public const int KestrelMaxHeaderBytes = 64 * 1024;

    public static bool IsApi(HttpContext context) => IsApi(context.Request.Path);

    public static bool IsApi(PathString path) => path.StartsWithSegments(Prefix);

    /// <summary>
    /// Runs inside the portal's status code pages, so an /api answer with a status and no body gets its
    /// problem here, and the pages' "not found" page is left to everything else.
    /// </summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.Use(RefuseLargeHeadersAsync);
        // Only on /api's branch: elsewhere it would have nothing to do, yet stay in every circuit's request for its lifetime.
        app.UseWhen(IsApi, api => api.UseStatusCodePages(context =>
            ApiProblems.Write(context.HttpContext, ApiProblems.ForStatus(context.HttpContext.Response.StatusCode), DetailFor(context.HttpContext))));
        return app;
    }

    private static Task RefuseLargeHeadersAsync(HttpContext context, RequestDelegate next)
    {
        var size = context.Request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0) + 4);
        if (size <= MaxHeaderBytes)
        {
            return next(context);
        }

        var detail = $"The request's headers take {size} bytes; at most {MaxHeaderBytes} are read.";
        if (IsApi(context))
        {
            return ApiProblems.Write(context, ApiProblems.HeadersTooLarge, detail);
        }

        context.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
        return context.Response.WriteAsync(detail);
    }

    private static string DetailFor(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"There is nothing at {context.Request.Path}; ids in addresses are whole numbers or confirmation numbers.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed here; allowed: {context.Response.Headers.Allow}.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with 'Content-Type: application/json'.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        _ => "The request could not be read.",
    };
}

/// <summary>An exception under /api (a request the framework could not read, or a fault of ours) answered as a problem, never the HTML error page.</summary>
public sealed class ApiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiErrors.IsApi(FailedRequest.PathOf(httpContext)))
        {
            return false;
        }

        var (problem, detail) = exception switch
        {
            BadHttpRequestException bad => (ApiProblems.ForStatus(bad.StatusCode), bad.Message),
            JsonException or InvalidDataException => (ApiProblems.BadRequest, "The request could not be read."),
            _ => (ApiProblems.InternalError, $"Quote reference {httpContext.TraceIdentifier} to support."),
        };
        await ApiProblems.Write(httpContext, problem, detail);
        return true;
    }
}
