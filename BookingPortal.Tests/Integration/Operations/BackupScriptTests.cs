using Microsoft.Data.Sqlite;

namespace BookingPortal.Tests.Integration.Operations;

/// <summary>
/// tools/backup.sh on the default database, the portal's SQLite file in WAL mode, while the portal runs and books:
/// the copy holds every booking committed before it began, and a whole prefix of those made while it ran, though
/// they are in the -wal file beside the database when it starts (a plain copy of the .db file misses those not yet
/// checkpointed; when SQLite checkpoints is its own business, so the test does not count on a plain copy missing any:
/// it did in one clean run and not in the next).
/// </summary>
public sealed class BackupScriptTests(PortalFactory factory) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "bookingportal-backups", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_backup_of_the_running_SQLite_database_holds_every_booking_committed_before_it()
    {
        var (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // Everything so far goes into the .db file, so what follows is only in the -wal file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var before = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            before.Add((await factory.BookAsNewCustomerAsync(service.Id, slots[i % slots.Count].StartUtc)).ConfirmationNumber);
        }

        Directory.CreateDirectory(folder);
        var backup = ToolScript.RunAsync("backup.sh", new Dictionary<string, string>(), "sqlite", factory.DatabasePath, folder);
        var during = new List<string>();
        while (!backup.IsCompleted && during.Count < 8)
        {
            during.Add((await factory.BookAsNewCustomerAsync(service.Id, slots[(4 + during.Count) % slots.Count].StartUtc)).ConfirmationNumber);
        }

        var run = await backup;

        run.ExitCode.Should().Be(0, run.ToString());
        var copy = run.Output.Trim().Split('\n')[^1];
        Path.GetFileName(copy).Should().MatchRegex(@"^portal-\d{8}-\d{6}Z\.db$");
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(new[] { Path.GetFileName(copy) }, "only a finished copy gets a name");
        var (journal, copied) = await ReadAsync(copy, service.Id);
        copied.Should().Contain(before);
        var madeDuring = copied.Except(before).ToList();
        madeDuring.Should().Equal(during.Take(madeDuring.Count), "a consistent copy holds those booked during the backup up to one moment, in order");
        journal.Should().Be("delete", "the copy is one file, needing no -wal beside it");
    }

    /// <summary>The copy's journal mode and the service's booking numbers in the order they were inserted.</summary>
    private static async Task<(string Journal, IReadOnlyList<string> Numbers)> ReadAsync(string file, int serviceId)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var journal = new SqliteCommand("PRAGMA journal_mode", connection);
        var mode = (string)(await journal.ExecuteScalarAsync())!;
        await using var bookings = new SqliteCommand($"SELECT \"ConfirmationNumber\" FROM \"Bookings\" WHERE \"ServiceId\" = {serviceId} ORDER BY rowid", connection);
        var numbers = new List<string>();
        await using var reader = await bookings.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetString(0));
        }

        return (mode, numbers);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
