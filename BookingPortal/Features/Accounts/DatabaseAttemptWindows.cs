namespace BookingPortal.Features.Accounts;

/// <summary>
/// The account forms' counts shared by every instance on one database, so a limit holds behind a
/// load balancer instead of once per instance. One statement per try: an insert that, on the key's
/// current window already existing, adds one to it instead, and returns the count it left (an
/// atomic upsert, no read-then-write). Windows are aligned to the clock so every instance agrees
/// on the current one. Keys are hashed (<see cref="AttemptKey"/>): the table holds no e-mail or client address.
/// </summary>
public sealed class DatabaseAttemptWindows(IDbContextFactory<BookingDbContext> dbFactory, DatabaseOptions database) : IAttemptWindows
{
    private const string UpsertReturningCount = """
        INSERT INTO "AttemptCounters" ("Key", "WindowStart", "WindowEnds", "Count") VALUES ({0}, {1}, {2}, 1)
        ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "AttemptCounters"."Count" + 1
        RETURNING "Count" AS "Value"
        """;

    private const string SqlServerMergeReturningCount = """
        MERGE [AttemptCounters] WITH (HOLDLOCK) AS t
        USING (SELECT {0} AS [Key], {1} AS [WindowStart]) AS s ON t.[Key] = s.[Key] AND t.[WindowStart] = s.[WindowStart]
        WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + 1
        WHEN NOT MATCHED THEN INSERT ([Key], [WindowStart], [WindowEnds], [Count]) VALUES ({0}, {1}, {2}, 1)
        OUTPUT inserted.[Count] AS [Value];
        """;

    public async Task<AttemptWindow> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var length = (long)window.TotalSeconds;
        var start = now.ToUnixTimeSeconds() / length * length;
        var sql = database.Provider == DatabaseProvider.SqlServer ? SqlServerMergeReturningCount : UpsertReturningCount;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Database.SqlQueryRaw<int>(sql, AttemptKey.Hash(key), start, start + length).ToListAsync(cancellationToken);
        return new AttemptWindow(DateTimeOffset.FromUnixTimeSeconds(start + length), counts.Single());
    }

    /// <summary>Drops the windows that have ended; the hourly job keeps the table to the current windows.</summary>
    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AttemptCounters.Where(c => c.WindowEnds <= nowSeconds).ExecuteDeleteAsync(cancellationToken);
    }
}
