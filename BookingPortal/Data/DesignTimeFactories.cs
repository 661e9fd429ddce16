using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BookingPortal.Data;

// Used by `dotnet ef migrations add` so each provider's migrations are generated without a live database.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBookingDbContext>
{
    public SqliteBookingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteBookingDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=design-time.db");
        DesignTimeIdentity.Apply(options);
        return new SqliteBookingDbContext(options.Options);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerBookingDbContext>
{
    public SqlServerBookingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerBookingDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlServer(options, "Server=(design-time);Database=BookingPortal;Trusted_Connection=True");
        DesignTimeIdentity.Apply(options);
        return new SqlServerBookingDbContext(options.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBookingDbContext>
{
    public PostgresBookingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresBookingDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(options, "Host=design-time;Database=bookingportal");
        DesignTimeIdentity.Apply(options);
        return new PostgresBookingDbContext(options.Options);
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
