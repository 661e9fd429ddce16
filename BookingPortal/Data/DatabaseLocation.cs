namespace BookingPortal.Data;

/// <summary>Which database a connection string names, in words, read with its provider's own parser.</summary>
public static class DatabaseLocation
{
    /// <summary>For the operator (`admin create` says where it wrote): where the data is, for SQLite the full file path.</summary>
    /// <exception cref="ArgumentException">Or another exception of the provider's parser, for a string it cannot read.</exception>
    public static string Describe(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteFile(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString)),
        DatabaseProvider.Postgres => PostgresDatabase(new Npgsql.NpgsqlConnectionStringBuilder(connectionString)),
        _ => SqlServerDatabase(new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString)),
    };

    private static string PostgresDatabase(Npgsql.NpgsqlConnectionStringBuilder postgres) =>
        $"the PostgreSQL database '{postgres.Database}' on {postgres.Host}";

    private static string SqlServerDatabase(Microsoft.Data.SqlClient.SqlConnectionStringBuilder sqlServer) =>
        $"the SQL Server database '{sqlServer.InitialCatalog}' on {sqlServer.DataSource}";

    // SQLite opens a relative path from the current folder, as Path.GetFullPath resolves it.
    private static string SqliteFile(Microsoft.Data.Sqlite.SqliteConnectionStringBuilder sqlite) =>
        sqlite.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:"
            ? "an in-memory SQLite database (gone when this command exits)"
            : $"the SQLite database {Path.GetFullPath(sqlite.DataSource)}";
}
