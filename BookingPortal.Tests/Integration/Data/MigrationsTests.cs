using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BookingPortal.Tests.Integration.Data;

/// <summary>
/// No SQL Server runs here, so its migrations are checked as SQL: if the model and a provider's
/// migrations drift apart, or a constraint goes missing, these fail.
/// </summary>
public class MigrationsTests
{
    [Fact]
    public void The_sql_server_script_creates_every_table_with_its_keys_and_checks()
    {
        using var db = SqlServerContext();

        var script = db.GetService<IMigrator>().GenerateScript();

        foreach (var table in new[] { "Services", "TimeSlotTemplates", "SlotInventories", "Bookings", "AspNetUsers", "AspNetRoles", "AspNetUserPasskeys" })
        {
            script.Should().Contain($"CREATE TABLE [{table}]");
        }

        script.Should().Contain("CREATE UNIQUE INDEX [IX_Bookings_CustomerId_IdempotencyKey]");
        script.Should().Contain("CREATE UNIQUE INDEX [IX_Bookings_ConfirmationNumber]");
        script.Should().Contain("CREATE UNIQUE INDEX [IX_SlotInventories_ServiceId_StartUtc]");
        script.Should().Contain("CONSTRAINT [CK_SlotInventories_Booked] CHECK (\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\")");
        script.Should().Contain("CONSTRAINT [CK_TimeSlotTemplates_Capacity] CHECK");
        script.Should().Contain("[Price] decimal(18,2) NOT NULL");
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model() =>
        SqlServerContext().Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` for SqlServerBookingDbContext");

    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new DesignTimeContext<SqliteBookingDbContext>(DataServiceCollectionExtensions.ConfigureSqlite, "Data Source=:memory:", options => new(options)).CreateDbContext([]);

        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` for SqliteBookingDbContext");
        db.Database.GetMigrations().Should().NotBeEmpty();
    }

    [Fact]
    public void The_postgres_migrations_match_the_model_and_create_the_quartz_job_store()
    {
        using var db = new DesignTimeContext<PostgresBookingDbContext>(DataServiceCollectionExtensions.ConfigurePostgres, "Host=unused;Database=bookingportal", options => new(options)).CreateDbContext([]);

        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` for PostgresBookingDbContext");
        var script = db.GetService<IMigrator>().GenerateScript();
        script.Should().Contain("CREATE TABLE \"DataProtectionKeys\"");
        script.Should().Contain("CREATE TABLE IF NOT EXISTS qrtz_triggers");
        script.Should().Contain("CREATE TABLE IF NOT EXISTS qrtz_scheduler_state");
        script.Should().Contain("CONSTRAINT \"CK_SlotInventories_Booked\" CHECK");
    }

    [Fact]
    public void The_sql_server_script_creates_the_quartz_job_store_and_the_key_ring()
    {
        var script = SqlServerContext().GetService<IMigrator>().GenerateScript();

        script.Should().Contain("CREATE TABLE [DataProtectionKeys]");
        script.Should().Contain("CREATE TABLE qrtz_TRIGGERS");
        script.Should().Contain("CREATE TABLE qrtz_LOCKS");
    }

    private static SqlServerBookingDbContext SqlServerContext() =>
        new DesignTimeContext<SqlServerBookingDbContext>(DataServiceCollectionExtensions.ConfigureSqlServer, "Server=unused;Database=BookingPortal", options => new(options)).CreateDbContext([]);

    /// <summary>A provider's context configured as <c>dotnet ef</c> gets it, on a connection string that names no real database.</summary>
    private sealed class DesignTimeContext<TContext>(Action<DbContextOptionsBuilder, string> configure, string connectionString, Func<DbContextOptions<TContext>, TContext> create)
        : DesignTimeFactory<TContext>(configure, connectionString, create)
        where TContext : DbContext;
}
