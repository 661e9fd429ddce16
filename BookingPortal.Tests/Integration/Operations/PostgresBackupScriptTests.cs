using Npgsql;

namespace BookingPortal.Tests.Integration.Operations;

/// <summary>tools/backup.sh on a PostgreSQL database: one dated custom-format dump that pg_restore reads, nothing half-written beside it.</summary>
[RequiresPostgres]
public class PostgresBackupScriptTests
{
    [Fact]
    public async Task A_backup_is_a_dated_dump_of_the_database()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var folder = Path.Combine(Path.GetTempPath(), "bookingportal-backups", Guid.NewGuid().ToString("N"));
        try
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE TABLE \"Bookings\" (\"ConfirmationNumber\" text); INSERT INTO \"Bookings\" VALUES ('BK-BACKUP1')", connection);
                await create.ExecuteNonQueryAsync();
            }

            var environment = new Dictionary<string, string>
            {
                ["PGHOST"] = database.Host!, ["PGPORT"] = database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PGUSER"] = database.Username!,
            };
            var run = await ToolScript.RunAsync("backup.sh", environment, "postgres", database.Database!, folder);

            run.ExitCode.Should().Be(0, run.ToString());
            var dump = run.Output.Trim().Split('\n')[^1];
            Path.GetFileName(dump).Should().MatchRegex($@"^{database.Database}-\d{{8}}-\d{{6}}Z\.dump$");
            Directory.GetFiles(folder).Should().Equal(dump);
            // The custom format: a PGDMP header and a table of contents in plain text (the data is compressed).
            var content = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(dump));
            content.Should().StartWith("PGDMP").And.Contain("CREATE TABLE public.\"Bookings\"");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
