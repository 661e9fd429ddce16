using Microsoft.AspNetCore.Diagnostics;

namespace BookingPortal.Infrastructure.Errors;

public static class ErrorsServiceCollectionExtensions
{
    public static IServiceCollection AddPortalErrors(this IServiceCollection services)
    {
        services.AddExceptionHandler<PortalExceptionHandler>();
        return services;
    }

    /// <summary>
    /// The friendly error page in every environment, Development included: customers (and the browser tests,
    /// which run the app in Development) never see a stack trace; developers read it in the log by its reference.
    /// </summary>
    public static WebApplication UsePortalErrors(this WebApplication app)
    {
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        return app;
    }

    /// <summary>
    /// An address with nothing behind it shows the portal's "not found" page, re-run at /not-found, to GET and HEAD
    /// only. Re-run for a POST, that page refused it as a form without an antiforgery token and answered 400, so a
    /// client posting to a wrong address (Stripe, to a webhook whose gateway is off) was told its request was bad.
    /// </summary>
    public static WebApplication UseNotFoundPage(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
        return app;
    }
}
