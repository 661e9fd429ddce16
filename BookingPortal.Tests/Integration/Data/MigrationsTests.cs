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
        var options = new DbContextOptionsBuilder<SqliteBookingDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=:memory:");
        DesignTimeIdentity.Apply(options);
        using var db = new SqliteBookingDbContext(options.Options);

        db.Database.HasPendingModelChanges().Should().BeFalse("run `dotnet ef migrations add` for SqliteBookingDbContext");
        db.Database.GetMigrations().Should().NotBeEmpty();
    }

    [Fact]
    public void The_postgres_migrations_match_the_model_and_create_the_quartz_job_store()
    {
        var options = new DbContextOptionsBuilder<PostgresBookingDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(options, "Host=unused;Database=bookingportal");
        DesignTimeIdentity.Apply(options);
        using var db = new PostgresBookingDbContext(options.Options);

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

    private static SqlServerBookingDbContext SqlServerContext()
    {
        var options = new DbContextOptionsBuilder<SqlServerBookingDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlServer(options, "Server=unused;Database=BookingPortal");
        DesignTimeIdentity.Apply(options);
        return new SqlServerBookingDbContext(options.Options);
    }
}
