using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Design;

namespace BookingPortal.Data;

// Used by `dotnet ef migrations add` so each provider's migrations are generated without a live database.
internal sealed class SqliteDesignTimeFactory() : DesignTimeFactory<SqliteBookingDbContext>(
    DataServiceCollectionExtensions.ConfigureSqlite, "Data Source=design-time.db", options => new(options));

internal sealed class SqlServerDesignTimeFactory() : DesignTimeFactory<SqlServerBookingDbContext>(
    DataServiceCollectionExtensions.ConfigureSqlServer, "Server=(design-time);Database=BookingPortal;Trusted_Connection=True", options => new(options));

internal sealed class PostgresDesignTimeFactory() : DesignTimeFactory<PostgresBookingDbContext>(
    DataServiceCollectionExtensions.ConfigurePostgres, "Host=design-time;Database=bookingportal", options => new(options));

/// <summary>A provider's context configured as the app configures it, against a database that need not exist.</summary>
internal abstract class DesignTimeFactory<TContext>(
    Action<DbContextOptionsBuilder, string> configure, string connectionString, Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        configure(options, connectionString);
        DesignTimeIdentity.Apply(options);
        return create(options.Options);
    }
}

internal static class DesignTimeIdentity
{
    /// <summary>
    /// IdentityDbContext reads the schema version (passkeys table and all) from the app's
    /// IdentityOptions; without them the generated migrations would describe an older schema.
    /// </summary>
    public static void Apply(DbContextOptionsBuilder options)
    {
        var services = new ServiceCollection();
        services.Configure<IdentityOptions>(IdentityServiceOptions.Configure);
        options.UseApplicationServiceProvider(services.BuildServiceProvider());
    }
}
