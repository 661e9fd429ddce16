using BookingPortal.Features.Notifications.Ports;

namespace BookingPortal.Infrastructure.Identity;

/// <summary>
/// At start-up of an install without an admin (Production by default; `Identity:FirstAdminSetupLink`
/// turns it on or off anywhere), logs once, at Warning so it shows in any console, a one-time link
/// to the page that creates the first admin. Runs after the database initializer (registered later),
/// so the tables and roles exist. The link's host is the configured portal address, as in e-mails.
/// </summary>
internal sealed partial class FirstAdminSetupAnnouncer(
    IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, IOptions<NotificationsOptions> notifications,
    ILogger<FirstAdminSetupAnnouncer> logger) : IHostedService
{
    public const string EnabledKey = "Identity:FirstAdminSetupLink";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(EnabledKey, defaultValue: environment.IsProduction()))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<FirstAdminSetup>().IssueAsync(cancellationToken) is not { } token)
        {
            return;
        }

        var link = new Uri(notifications.Value.PortalBaseUri, $"{FirstAdminSetup.PagePath}?token={token}");
        LogSetupLink(logger, link, (int)FirstAdminSetup.Lifetime.TotalMinutes);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No admin account exists yet. To create the first admin, open {SetupLink} within {Minutes} minutes (the link works once), " +
        "or run `dotnet BookingPortal.dll admin create --email <address>`.")]
    private static partial void LogSetupLink(ILogger logger, Uri setupLink, int minutes);
}
