using Npgsql;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// The throwaway PostgreSQL cluster `./test.sh` (through tools/with-postgres.sh) starts and names
/// in <see cref="VariableName"/>. Each portal gets a database of its own on it, dropped afterwards,
/// so test classes running in parallel never share state. Without the variable the PostgreSQL
/// suites are reported skipped with the reason (PortalTestFramework), except under ./test.sh,
/// which demands them: there they fail with this explanation.
/// </summary>
public static class TestPostgres
{
    public const string VariableName = "BOOKINGPORTAL_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The PostgreSQL tests need a server: run them through ./test.sh, or `tools/with-postgres.sh dotnet test ...`, " +
                $"or set {VariableName} to the connection string of a PostgreSQL role that may create databases.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var connectionString = NewDatabase();
        await CreateDatabaseAsync(connectionString);
        return connectionString;
    }

    /// <summary>The connection string of a database of its own, not made yet (<see cref="CreateDatabaseAsync(string, string?)"/>).</summary>
    public static string NewDatabase() =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = $"bookingportal_test_{Guid.NewGuid():N}", MaxPoolSize = 150, Timeout = 60 }.ToString();

    /// <summary>Makes the database <paramref name="connectionString"/> names: empty, or a copy of <paramref name="template"/> (no one may be connected to it).</summary>
    public static async Task CreateDatabaseAsync(string connectionString, string? template = null)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var copy = template is null ? "" : $" TEMPLATE \"{new NpgsqlConnectionStringBuilder(template).Database}\"";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        // A copy of the seeded template is more work for the server than an empty database, on a machine busy with the run.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{copy}", connection) { CommandTimeout = 120 };
        await create.ExecuteNonQueryAsync();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        ClearPools(connectionString);
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Closes the idle pooled connections to the database: the pool of the string as given, and the pool the portal
    /// itself opens, which is another (it adds automatic preparation to the string).
    /// </summary>
    public static void ClearPools(string connectionString)
    {
        foreach (var opened in new[] { connectionString, BookingPortal.Data.DataServiceCollectionExtensions.WithAutomaticPreparation(connectionString) })
        {
            using var pooled = new NpgsqlConnection(opened);
            NpgsqlConnection.ClearPool(pooled);
        }
    }
}
