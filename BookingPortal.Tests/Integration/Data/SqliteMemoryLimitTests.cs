using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace BookingPortal.Tests.Integration.Data;

/// <summary>What SQLite may hold in the process, page caches of every pooled connection included (see DatabaseInitializer).</summary>
public class SqliteMemoryLimitTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Starting_limits_what_SQLite_holds_for_every_connection_of_the_process()
    {
        string connectionString;
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            connectionString = db.Database.GetConnectionString()!;
            await db.Database.OpenConnectionAsync();
            (await ScalarAsync(db.Database.GetDbConnection(), "PRAGMA soft_heap_limit=0")).Should().Be(0);
        }

        await factory.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single().StartAsync(CancellationToken.None);

        // Read on a connection of its own, outside the pool: the limit is the process's, not the initializer's connection's.
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await other.OpenAsync();
        (await ScalarAsync(other, "PRAGMA soft_heap_limit")).Should().Be(DatabaseInitializer.SqliteMemoryLimitBytes);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
