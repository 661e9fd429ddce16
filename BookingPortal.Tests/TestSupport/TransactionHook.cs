using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// Runs one piece of work just before the portal's next database transaction begins (or commits): another
/// operation landing between an operation's read and the transaction that acts on it (or inside that transaction,
/// after its locks and reads, or before a command of its own), every time, where racing rounds reach that window
/// only now and then.
/// </summary>
public sealed class TransactionHook : DbTransactionInterceptor, IDbCommandInterceptor
{
    private sealed record Armed(Func<DbContext?, bool> When, Func<Task> Work);

    private sealed record ArmedCommand(Func<string, bool> When, Func<Task> Work);

    private Armed? next;
    private Armed? nextCommit;
    private ArmedCommand? nextCommand;
    private int fired;

    /// <summary>How many armed pieces of work have run.</summary>
    public int Fired => Volatile.Read(ref fired);

    /// <summary>Arms <paramref name="work"/> for the next transaction; it is disarmed before it runs, so its own transactions pass.</summary>
    public void BeforeNext(Func<Task> work) => BeforeNext(_ => true, work);

    /// <summary>Arms <paramref name="work"/> for the next transaction of a context <paramref name="when"/> accepts; the others pass.</summary>
    public void BeforeNext(Func<DbContext?, bool> when, Func<Task> work) => Volatile.Write(ref next, new Armed(when, work));

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref next) is { } armed && armed.When(eventData.Context) && Interlocked.CompareExchange(ref next, null, armed) == armed)
        {
            await armed.Work();
            Interlocked.Increment(ref fired);
        }

        return result;
    }

    /// <summary>Arms <paramref name="work"/> for the moment the next transaction is about to commit, holding whatever it locked.</summary>
    public void BeforeNextCommit(Func<Task> work) => Volatile.Write(ref nextCommit, new Armed(_ => true, work));

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref nextCommit, null) is { } armed)
        {
            await armed.Work();
            Interlocked.Increment(ref fired);
        }

        return result;
    }

    /// <summary>
    /// Arms <paramref name="work"/> for just before the next command whose SQL <paramref name="when"/> accepts: inside a
    /// transaction, after the reads before that command. The work runs on its own connection, so it must not need a lock
    /// the transaction already holds (on SQLite, any write once the transaction has written).
    /// </summary>
    public void BeforeNextCommand(Func<string, bool> when, Func<Task> work) => Volatile.Write(ref nextCommand, new ArmedCommand(when, work));

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await RunIfArmedAsync(command);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await RunIfArmedAsync(command);
        return result;
    }

    private async Task RunIfArmedAsync(DbCommand command)
    {
        if (Volatile.Read(ref nextCommand) is { } armed && armed.When(command.CommandText) && Interlocked.CompareExchange(ref nextCommand, null, armed) == armed)
        {
            await armed.Work();
            Interlocked.Increment(ref fired);
        }
    }

    public void AddTo(IServiceCollection services)
    {
        services.ConfigureDbContext<SqliteBookingDbContext>(options => options.AddInterceptors(this));
        services.ConfigureDbContext<PostgresBookingDbContext>(options => options.AddInterceptors(this));
        services.ConfigureDbContext<SqlServerBookingDbContext>(options => options.AddInterceptors(this));
    }
}
