namespace BookingPortal.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>Bound from the "Database" section; connection strings come from "ConnectionStrings:&lt;Provider&gt;".</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public required string ConnectionString { get; init; }

    public const string DemoSeedKey = "Demo:Seed";

    /// <summary>Seeds the demo services and accounts (Demo:Seed): on in Development, off elsewhere, refused in Production.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// A server database (PostgreSQL, SQL Server) may be shared by several instances: they then
    /// need the clustered Quartz store and the shared Data Protection keys. The embedded SQLite
    /// file belongs to one process.
    /// </summary>
    public bool IsServerDatabase => Provider != DatabaseProvider.Sqlite;
}
