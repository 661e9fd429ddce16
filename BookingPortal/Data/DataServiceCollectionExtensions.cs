using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace BookingPortal.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Reads "Database:Provider" and the matching connection string, and registers
    /// IDbContextFactory&lt;BookingDbContext&gt; (Blazor circuits are long-lived, so every unit of
    /// work creates its own short-lived context). Bad configuration stops start-up with the key named.
    /// </summary>
    public static WebApplicationBuilder AddBookingData(this WebApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(options);

        // Pooled contexts: the booking path creates a few per request, and a reset context costs far
        // less than a new one (the contexts hold no state of their own).
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.Services.AddPooledDbContextFactory<SqliteBookingDbContext>(o => ConfigureSqlite(o, options.ConnectionString));
                builder.Services.AddSingleton<IDbContextFactory<BookingDbContext>, BookingDbContextFactory<SqliteBookingDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                builder.Services.AddPooledDbContextFactory<SqlServerBookingDbContext>(o => ConfigureSqlServer(o, options.ConnectionString));
                builder.Services.AddSingleton<IDbContextFactory<BookingDbContext>, BookingDbContextFactory<SqlServerBookingDbContext>>();
                break;
            case DatabaseProvider.Postgres:
                builder.Services.AddPooledDbContextFactory<PostgresBookingDbContext>(o => ConfigurePostgres(o, options.ConnectionString));
                builder.Services.AddSingleton<IDbContextFactory<BookingDbContext>, BookingDbContextFactory<PostgresBookingDbContext>>();
                break;
        }

        // Identity's stores want a scoped context; give them one from the same factory.
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContext());
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    public static IdentityBuilder AddBookingIdentityStores(this IdentityBuilder identity) =>
        identity.AddEntityFrameworkStores<BookingDbContext>();

    internal static DatabaseOptions ReadOptions(IConfiguration configuration, IHostEnvironment environment)
    {
        const string providerKey = $"{DatabaseOptions.SectionName}:Provider";
        var providerText = configuration[providerKey];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"Configuration key '{providerKey}' has the unknown value '{providerText}'. Use one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        var connectionKey = $"ConnectionStrings:{provider}";
        var connectionString = configuration[connectionKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException(
                    $"Configuration key '{connectionKey}' is required when '{providerKey}' is '{provider}'.");
            }

            connectionString = DefaultSqliteConnectionString(environment);
        }
        else
        {
            EnsureReadable(provider, connectionKey, connectionString);
        }

        return new DatabaseOptions { Provider = provider, ConnectionString = connectionString, SeedDemoData = ReadDemoSeed(configuration, environment) };
    }

    /// <summary>
    /// Demo data (with the passwords the README prints) only in Development or when asked for, and
    /// never in Production, where an admin whose password is public would be a way in.
    /// </summary>
    private static bool ReadDemoSeed(IConfiguration configuration, IHostEnvironment environment)
    {
        const string retiredKey = $"{DatabaseOptions.SectionName}:SeedDemoData";
        if (configuration[retiredKey] is not null)
        {
            throw new InvalidOperationException($"Configuration key '{retiredKey}' is no longer read: use '{DatabaseOptions.DemoSeedKey}' (never in Production).");
        }

        var seedText = configuration[DatabaseOptions.DemoSeedKey];
        var seed = environment.IsDevelopment();
        if (!string.IsNullOrWhiteSpace(seedText) && !bool.TryParse(seedText, out seed))
        {
            throw new InvalidOperationException($"Configuration key '{DatabaseOptions.DemoSeedKey}' must be true or false, not '{seedText}'.");
        }

        if (seed && environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"Configuration key '{DatabaseOptions.DemoSeedKey}' is true in Production: the demo accounts' passwords are public. Remove it, and create the first admin with 'admin create' (see README, Going to production).");
        }

        return seed;
    }

    /// <summary>
    /// A connection string the provider cannot read would otherwise stop start-up later, in the first
    /// migration, with the provider's words and no key ("Connection string keyword … is not supported").
    /// The string itself is not repeated: it may hold a password.
    /// </summary>
    private static void EnsureReadable(DatabaseProvider provider, string connectionKey, string connectionString)
    {
        try
        {
            _ = DatabaseLocation.Describe(provider, connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InvalidOperationException($"Configuration key '{connectionKey}' is not a connection string {provider} can read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The embedded default: App_Data beside the app. A folder it may not create (a read-only install directory under
    /// a hardened service unit or a container's non-root user) stopped start-up with the file system's words alone.
    /// </summary>
    internal static string DefaultSqliteConnectionString(IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "App_Data");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The portal cannot create its default SQLite folder {folder} ({ex.Message}). Set 'ConnectionStrings:Sqlite' to a file in a folder it may " +
                "write and that outlives an upgrade, such as 'Data Source=/var/lib/bookingportal/bookingportal.db'.", ex);
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "bookingportal.db"),
            DefaultTimeout = 30,
        }.ToString();
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory"));

    internal static void ConfigureSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString);

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithAutomaticPreparation(connectionString));

    /// <summary>
    /// The booking path sends the same dozen statements over and over; prepared on each connection,
    /// PostgreSQL parses and plans each of them once instead of on every booking. A connection
    /// string that sets "Max Auto Prepare" itself is left as it is (0 turns it off, as PgBouncer in
    /// transaction mode before 1.21 needs).
    /// </summary>
    internal static string WithAutomaticPreparation(string connectionString)
    {
        // Npgsql's own builder answers "contains" for every keyword it knows; what was written is read plainly.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.ContainsKey("Max Auto Prepare") || written.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;
    }
}

/// <summary>Hands out the provider's derived context under the provider-neutral type the features use.</summary>
internal sealed class BookingDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<BookingDbContext>
    where TContext : BookingDbContext
{
    public BookingDbContext CreateDbContext() => inner.CreateDbContext();
}
