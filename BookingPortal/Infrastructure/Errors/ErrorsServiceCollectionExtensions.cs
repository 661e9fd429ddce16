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
}
