using System.Diagnostics.Metrics;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BookingPortal.Data;

/// <summary>
/// Runs a unit of database work again when the database gave up on it because of another
/// transaction: PostgreSQL chose it as a deadlock's victim or failed its serialization, SQL Server
/// chose it as a deadlock victim, or SQLite's busy timeout ran out. Locks are taken in one order
/// (customer row, queue entry, practitioner rows by id, room rows by id, slot counters by id,
/// booking, waitlist entry), so this is a safety net, not the
/// mechanism: a customer gets an answer, never the database's error.
/// </summary>
public static class ConflictRetry
{
    public const int MaxAttempts = 5;

    public static readonly Meter Meter = new("BookingPortal.Data");

    /// <summary>How many units of work were run again after a conflict: near zero is healthy.</summary>
    public const string RetriesName = "bookingportal.db.conflict_retries";

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesName);

    private static long retried;

    /// <summary>Retries since the process started, for the benchmarks and the jobs page.</summary>
    public static long RetriedSoFar => Interlocked.Read(ref retried);

    /// <summary>
    /// Runs <paramref name="work"/> with a new context each attempt: a failed attempt's tracked
    /// changes must not be saved by the next, and its transaction is rolled back with it.
    /// </summary>
    public static Task<T> RunAsync<T>(
        IDbContextFactory<BookingDbContext> dbFactory, Func<BookingDbContext, Task<T>> work, ILogger logger, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await work(db);
        }, logger, cancellationToken);

    /// <summary>Runs work that opens its own context (and so starts clean) each attempt.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> work, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsTransientConflict(ex))
            {
                Interlocked.Increment(ref retried);
                Retries.Add(1);
                logger.LogInformation("A transaction lost a conflict with another ({Reason}); trying again (attempt {Attempt}).", ex.GetBaseException().Message, attempt);
                // Real time, not the portal's clock: a test's stopped clock must not stall a retry.
                // The jitter keeps two losers of one conflict from meeting again at once.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 15) * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Whether the database refused the work because of another transaction, so running it again can succeed.</summary>
    public static bool IsTransientConflict(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException pg when pg.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                    or PostgresErrorCodes.LockNotAvailable:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                case SqlException { Number: 1205 }: // chosen as deadlock victim
                    return true;
            }
        }

        return false;
    }
}
