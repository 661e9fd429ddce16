namespace BookingPortal.Infrastructure.Hosting;

/// <summary>
/// The content root is the folder the portal was started from. Started from another one (a shell elsewhere, a
/// service unit without a working directory) it reads none of the settings files shipped beside it, and relative
/// paths, the embedded database's among them, start from that folder: said at start, with the way to fix it.
/// </summary>
public static class ContentRootCheck
{
    private const string SettingsFile = "appsettings.json";

    /// <returns>The warning to give, or null when the settings shipped with the portal are read.</returns>
    public static string? Problem(string contentRoot, string appFolder) =>
        !File.Exists(Path.Combine(contentRoot, SettingsFile)) && File.Exists(Path.Combine(appFolder, SettingsFile))
            ? $"The portal was started in {contentRoot}, which has no {SettingsFile}: the settings files shipped in {appFolder} are not read, and relative paths (the SQLite database's among them) start from {contentRoot}. Start it from {appFolder} (WorkingDirectory= in a service unit) or pass --contentRoot {appFolder}."
            : null;

    public static WebApplicationBuilder WarnOfForeignContentRoot(this WebApplicationBuilder builder)
    {
        if (Problem(builder.Environment.ContentRootPath, AppContext.BaseDirectory) is { } problem)
        {
            builder.Services.AddHostedService(provider => new Warning(provider.GetRequiredService<ILogger<Warning>>(), problem));
        }

        return builder;
    }

    private sealed class Warning(ILogger<Warning> logger, string problem) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("{Problem}", problem);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
