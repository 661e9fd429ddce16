using BookingPortal.Features.Notifications.Ports;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Text.RegularExpressions;

namespace BookingPortal.Infrastructure.Identity;

/// <summary>
/// At start-up of an install without an admin (Production by default; `Identity:FirstAdminSetupLink`
/// turns it on or off anywhere), logs once, at Warning so it shows in any console, a one-time link
/// to the page that creates the first admin. Runs after the database initializer (registered later),
/// so the tables and roles exist. The link's host is the configured portal address, as in e-mails; while that is
/// still a loopback address (the default), the address this server listens on, once it listens.
/// </summary>
internal sealed partial class FirstAdminSetupAnnouncer(
    IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, IOptions<NotificationsOptions> notifications,
    IServer server, IHostApplicationLifetime lifetime, ILogger<FirstAdminSetupAnnouncer> logger) : IHostedService
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

        // Logged once the server listens, so the link can name the address it listens on.
        lifetime.ApplicationStarted.Register(() =>
        {
            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var link = new Uri(SetupLinkBase(notifications.Value, listening), $"{FirstAdminSetup.PagePath}?token={token}");
            LogSetupLink(logger, link, (int)FirstAdminSetup.Lifetime.TotalMinutes);
        });
    }

    /// <summary>
    /// The configured portal address; while it is a loopback one (the default, localhost:5227), the first address this
    /// server listens on instead, a wildcard host read as localhost. Started without a launch profile the server listens
    /// on port 5000, and a link to 5227 did not open.
    /// </summary>
    public static Uri SetupLinkBase(NotificationsOptions configured, IEnumerable<string> listening) =>
        configured.PortalBaseUriOr(listening.FirstOrDefault() is { } address
            && Uri.TryCreate(WildcardHost().Replace(address, "://localhost").TrimEnd('/') + "/", UriKind.Absolute, out var local) ? local : null);

    [GeneratedRegex(@"://(\+|\*|0\.0\.0\.0|\[::\])(?=[:/]|$)")]
    private static partial Regex WildcardHost();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No admin account exists yet. To create the first admin, open {SetupLink} within {Minutes} minutes (the link works once), " +
        "or run `dotnet BookingPortal.dll admin create --email <address>`.")]
    private static partial void LogSetupLink(ILogger logger, Uri setupLink, int minutes);
}
