using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A database as the portal's start-up leaves it (every migration applied, roles made, demo data seeded at
/// <see cref="PortalFactory.DefaultNow"/>), made once per test process and provider: a SQLite file, and a database on
/// the test PostgreSQL server. Migrating and seeding took most of a portal's start (2 to 5 s each on the shared 2-core
/// runner, and on PostgreSQL the server's work besides); a portal whose start would write exactly this begins from a
/// copy instead (<see cref="CopyOnStart"/>, <see cref="CreateOnStart"/>), and its own start-up then runs over it as over
/// a restarted portal's database: every step of it is safe to run again and finds nothing to do.
/// </summary>
internal static class SeededTemplate
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "bookingportal-tests", $"template-{Guid.NewGuid():N}");
    private static readonly Lazy<Task<string>> SqliteMade = new(() => Task.Run(MakeSqliteAsync));
    private static readonly Lazy<Task<string>> PostgresMade = new(() => Task.Run(MakePostgresAsync));

    private static async Task<string> MakeSqliteAsync()
    {
        Directory.CreateDirectory(Folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder();
        var path = Path.Combine(Folder, "portal.db");
        await using var maker = new TemplateMaker(DatabaseProvider.Sqlite, connectionString => new SqliteSnapshot(connectionString, path));
        await maker.StartWithoutScheduledJobsAsync();
        return File.Exists(path) ? path : throw new InvalidOperationException("The template portal started without writing its database.");
    }

    /// <summary>Returns the template's connection string; the database stays until the process ends (and the throwaway cluster with it).</summary>
    private static async Task<string> MakePostgresAsync()
    {
        var template = TestPostgres.NewDatabase();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(template);
        await using var maker = new TemplateMaker(DatabaseProvider.Postgres, connectionString => new PostgresSnapshot(connectionString, template));
        await maker.StartWithoutScheduledJobsAsync();
        return template;
    }

    /// <summary>Whether a start with these settings and this clock seeds what the templates hold.</summary>
    private static bool SeedsAsTemplate(DatabaseOptions options, TimeProvider time) =>
        options.SeedDemoData && time.GetUtcNow() == PortalFactory.DefaultNow;

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

    private static void DropQuietly(string connectionString)
    {
        try
        {
            TestPostgres.DropDatabaseAsync(connectionString).GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // The server went first (./test.sh stops the throwaway cluster after the run): nothing is left to drop.
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
            var startsAsTemplate = options.Provider == DatabaseProvider.Sqlite && SeedsAsTemplate(options, time)
                && new SqliteConnectionStringBuilder(options.ConnectionString).DataSource == databasePath
                && !File.Exists(databasePath);
            if (startsAsTemplate)
            {
                File.Copy(await SqliteMade.Value, databasePath);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>
    /// Makes a PostgreSQL portal's own database before its start-up opens it: a copy of the template under the
    /// same conditions as <see cref="CopyOnStart"/> (and <paramref name="mayCopy"/>), otherwise empty.
    /// </summary>
    internal sealed class CreateOnStart(string connectionString, bool mayCopy, DatabaseOptions options, TimeProvider time) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var startsAsTemplate = mayCopy && SeedsAsTemplate(options, time) && options.ConnectionString == connectionString;
            await TestPostgres.CreateDatabaseAsync(connectionString, startsAsTemplate ? await PostgresMade.Value : null);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>A portal that copies its database out the moment the initializer is done, before any other start-up work.</summary>
    private sealed class TemplateMaker : PortalFactory
    {
        private readonly Func<string, IHostedService> snapshot;

        public TemplateMaker(DatabaseProvider provider, Func<string, IHostedService> snapshot)
        {
            Provider = provider;
            this.snapshot = snapshot;
        }

        protected override bool StartsFromTemplate => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                var initializer = services.ToList().FindIndex(d => d.ImplementationType == typeof(DatabaseInitializer));
                services.Insert(initializer + 1, ServiceDescriptor.Singleton<IHostedService>(sp =>
                    snapshot(sp.GetRequiredService<DatabaseOptions>().ConnectionString)));
            });
        }
    }

    private sealed class SqliteSnapshot(string connectionString, string templatePath) : IHostedService
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

    /// <summary>
    /// PostgreSQL copies a database only while no one is connected to it: the maker's idle pooled connections close
    /// first (<see cref="TestPostgres.ClearPools"/>).
    /// </summary>
    private sealed class PostgresSnapshot(string connectionString, string template) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            TestPostgres.ClearPools(connectionString);
            await TestPostgres.CreateDatabaseAsync(template, connectionString);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
