using Microsoft.AspNetCore.Diagnostics;

namespace BookingPortal.Infrastructure.Errors;

/// <summary>
/// Logs every unhandled request error with the reference the error page shows the customer (the request's
/// TraceIdentifier), so support can find the stack trace from what the customer quotes; the exception handler
/// then re-executes /Error, which never shows the exception. A request the framework could not read (a
/// malformed form, say) is the client's fault: a 400 problem, not the error page, and not logged as an error.
/// Under /api the API's own handler, registered after this one, answers.
/// </summary>
public sealed class PortalExceptionHandler(ILogger<PortalExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException or InvalidDataException)
        {
            logger.LogInformation("Unreadable request on {Method} {Path}: {Reason}", httpContext.Request.Method, FailedRequest.ForLog(httpContext), exception.Message);
            if (FailedRequest.PathOf(httpContext).StartsWithSegments("/api"))
            {
                return false;
            }

            var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            await Results.Problem("The request could not be read.", statusCode: status).ExecuteAsync(httpContext);
            return true;
        }

        logger.LogError(exception, "Unhandled error, reference {CorrelationId}, on {Method} {Path}",
            httpContext.TraceIdentifier, httpContext.Request.Method, FailedRequest.ForLog(httpContext));
        return false;
    }
}
