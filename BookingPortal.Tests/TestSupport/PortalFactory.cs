using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// The real app on a fresh SQLite file of its own (or, with <see cref="Provider"/> Postgres, a fresh
/// database on the test PostgreSQL server), with a clock the test controls. Demo data is seeded,
/// so "Specialist Consultation" (Mon/Wed/Fri, 4 slots × 5 seats) is there to book. A portal whose start would
/// migrate and seed exactly what <see cref="SeededTemplate"/> holds begins from a copy of it.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    /// <summary>Monday 2 March 2026, 12:00 UTC (07:00 in New York): the week before DST starts.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly string databaseFolder = Path.Combine(Path.GetTempPath(), "bookingportal-tests", Guid.NewGuid().ToString("N"));

    /// <summary>PBKDF2 rounds of the passwords this portal hashes (a hundredth of Identity's default).</summary>
    private const int TestHashIterations = 1_000;

    public FakeTimeProvider Clock { get; } = new(DefaultNow);

    /// <summary>What the portal logged at warning level and above.</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>Work to run before the portal's next transaction begins (an operation landing mid-way through another).</summary>
    public TransactionHook Transactions { get; } = new();

    public string DatabasePath => SharesDatabaseOf?.DatabasePath ?? Path.Combine(databaseFolder, "portal.db");

    /// <summary>The database the app runs on; the concurrency suites run once per provider.</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>A second instance: this portal runs on the database (PostgreSQL, or the SQLite file) of that (already started) one, as behind a load balancer.</summary>
    public PortalFactory? SharesDatabaseOf { get; init; }

    private string? postgresConnectionString;
    private bool ownsDatabase;
    private bool hostBuilt;
    private bool runScheduledJobs = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        hostBuilt = true;
        Directory.CreateDirectory(databaseFolder);
        builder.UseEnvironment("Testing");
        builder.UseSetting(BookingPortal.Infrastructure.Jobs.JobsServiceCollectionExtensions.RunScheduledJobsKey, runScheduledJobs ? "true" : "false");
        if (Provider == DatabaseProvider.Postgres)
        {
            ownsDatabase = SharesDatabaseOf is null;
            postgresConnectionString = SharesDatabaseOf is { } first
                ? first.postgresConnectionString ?? throw new InvalidOperationException("Start the first instance before the one that shares its database.")
                : TestPostgres.NewDatabase();
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", postgresConnectionString);
        }
        else
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={DatabasePath};Default Timeout=60");
        }

        builder.UseSetting("Demo:Seed", "true");
        // Each test starts a portal: a warm-up in every one would cost the suite seconds of CPU (InsightsWarmUpTests turn it on).
        builder.UseSetting("Insights:WarmUp:Enabled", "false");
        foreach (var (key, value) in ExtraSettings())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(Log));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Identity's default (PBKDF2, 100,000 rounds) makes every hash and sign-in cost CPU the run shares; the tests
            // prove which password signs in, not how slow a guess is. A hash still records its own count, so one made
            // with the default (ConfirmedCustomer's) verifies here as before. Production keeps the default.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestHashIterations);
            AddDatabaseMaker(services);
            Transactions.AddTo(services);
        });
    }

    /// <summary>First of the hosted services: the database must be in place before the initializer opens it.</summary>
    private void AddDatabaseMaker(IServiceCollection services)
    {
        if (Provider == DatabaseProvider.Postgres && ownsDatabase)
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => new SeededTemplate.CreateOnStart(
                postgresConnectionString!, StartsFromTemplate, sp.GetRequiredService<DatabaseOptions>(), sp.GetRequiredService<TimeProvider>())));
        }
        else if (Provider == DatabaseProvider.Sqlite && StartsFromTemplate)
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => new SeededTemplate.CopyOnStart(
                DatabasePath, sp.GetRequiredService<DatabaseOptions>(), sp.GetRequiredService<TimeProvider>())));
        }
    }

    /// <summary>Whether this portal may start from <see cref="SeededTemplate"/>'s copy when its start would make the same database.</summary>
    protected virtual bool StartsFromTemplate => true;

    /// <summary>
    /// Starts the portal as an instance that runs no scheduled jobs, for tests that drive the same work
    /// by hand and must not race the timer. (Pausing after start-up is not enough: a job that fires at
    /// start-up may still be running, or start late on a busy machine, while the test moves the clock.)
    /// </summary>
    public Task StartWithoutScheduledJobsAsync()
    {
        if (hostBuilt)
        {
            throw new InvalidOperationException("The portal has started already; choose to run without jobs before the first use.");
        }

        runScheduledJobs = false;
        _ = Services;
        return Task.CompletedTask;
    }

    /// <summary>Settings a derived factory adds (another payment gateway, say).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [];

    public IDbContextFactory<BookingDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<BookingDbContext>>();

    /// <summary>Resolves a scoped service (feature services are scoped) and keeps the scope alive with the factory.</summary>
    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (postgresConnectionString is not null && ownsDatabase)
            {
                TestPostgres.DropDatabaseAsync(postgresConnectionString).GetAwaiter().GetResult();
            }

            try
            {
                Directory.Delete(databaseFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow runner is left in the temp folder rather than failing the run.
            }
        }
    }
}

/// <summary>A <see cref="PortalFactory"/> on PostgreSQL, for suites that take the portal as a class fixture.</summary>
public sealed class PostgresPortalFactory : PortalFactory
{
    public PostgresPortalFactory() => Provider = DatabaseProvider.Postgres;
}
