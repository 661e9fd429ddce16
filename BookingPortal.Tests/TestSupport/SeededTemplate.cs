using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A SQLite database as the portal's start-up leaves it (43 migrations applied, roles made, demo data seeded at
/// <see cref="PortalFactory.DefaultNow"/>), made once per test process. Migrating and seeding took most of a
/// portal's start (2 to 5 s each on the shared 2-core runner); a portal whose start would write exactly this begins
/// from a copy instead (<see cref="CopyOnStart"/>), and its own start-up then runs over it as over a restarted
/// portal's database: every step of it is safe to run again and finds nothing to do.
/// </summary>
internal static class SeededTemplate
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "bookingportal-tests", $"template-{Guid.NewGuid():N}");
    private static readonly Lazy<Task<string>> Made = new(() => Task.Run(MakeAsync));

    private static async Task<string> MakeAsync()
    {
        Directory.CreateDirectory(Folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder();
        var path = Path.Combine(Folder, "portal.db");
        await using var maker = new TemplateMaker(path);
        await maker.StartWithoutScheduledJobsAsync();
        return File.Exists(path) ? path : throw new InvalidOperationException("The template portal started without writing its database.");
    }

    private static void DeleteFolder()
    {
        try
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder, as a portal's own file still open at the end is.
        }
    }

    /// <summary>
    /// Puts the template where a new portal's SQLite file will be, when its start would make the same database:
    /// demo data on (as settings and environment leave it), its own file not there yet, and the seeder's clock
    /// (the demo practitioner's holiday is the week after "today") at <see cref="PortalFactory.DefaultNow"/>.
    /// Any other portal migrates and seeds as before.
    /// </summary>
    internal sealed class CopyOnStart(string databasePath, DatabaseOptions options, TimeProvider time) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var startsAsTemplate = options.Provider == DatabaseProvider.Sqlite && options.SeedDemoData
                && new SqliteConnectionStringBuilder(options.ConnectionString).DataSource == databasePath
                && !File.Exists(databasePath) && time.GetUtcNow() == PortalFactory.DefaultNow;
            if (startsAsTemplate)
            {
                File.Copy(await Made.Value, databasePath);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>A portal that copies its database out the moment the initializer is done, before any other start-up work.</summary>
    private sealed class TemplateMaker(string templatePath) : PortalFactory
    {
        protected override bool StartsFromTemplate => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                var initializer = services.ToList().FindIndex(d => d.ImplementationType == typeof(DatabaseInitializer));
                services.Insert(initializer + 1, ServiceDescriptor.Singleton<IHostedService>(sp =>
                    new Snapshot(sp.GetRequiredService<DatabaseOptions>().ConnectionString, templatePath)));
            });
        }
    }

    private sealed class Snapshot(string connectionString, string templatePath) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // SQLite's online backup: a consistent copy of every page, the WAL's included, while the portal holds the file.
            using var source = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = templatePath, Pooling = false }.ToString());
            source.Open();
            source.BackupDatabase(target);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
