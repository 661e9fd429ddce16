using Microsoft.AspNetCore.Diagnostics;

namespace BookingPortal.Infrastructure.Errors;

/// <summary>
/// Logs every unhandled request error with the reference the error page shows the customer (the request's
/// TraceIdentifier), so support can find the stack trace from what the customer quotes. It handles nothing
/// itself: the exception handler then re-executes /Error, which never shows the exception.
/// </summary>
public sealed class PortalExceptionHandler(ILogger<PortalExceptionHandler> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError(exception, "Unhandled error, reference {CorrelationId}, on {Method} {Path}",
            httpContext.TraceIdentifier, httpContext.Request.Method, httpContext.Request.Path);
        return ValueTask.FromResult(false);
    }
}
