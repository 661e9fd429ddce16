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
        return new SqliteBookingDbContext(options.Options);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerBookingDbContext>
{
    public SqlServerBookingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerBookingDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlServer(options, "Server=(design-time);Database=BookingPortal;Trusted_Connection=True");
        return new SqlServerBookingDbContext(options.Options);
    }
}
