using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// Runs one piece of work just before the portal's next database transaction begins: another operation
/// landing between an operation's read and the transaction that acts on it, every time, where racing
/// rounds reach that window only now and then.
/// </summary>
public sealed class TransactionHook : DbTransactionInterceptor
{
    private Func<Task>? next;
    private int fired;

    /// <summary>How many armed pieces of work have run.</summary>
    public int Fired => Volatile.Read(ref fired);

    /// <summary>Arms <paramref name="work"/> for the next transaction; it is disarmed before it runs, so its own transactions pass.</summary>
    public void BeforeNext(Func<Task> work) => Volatile.Write(ref next, work);

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref next, null) is { } work)
        {
            await work();
            Interlocked.Increment(ref fired);
        }

        return result;
    }

    public void AddTo(IServiceCollection services)
    {
        services.ConfigureDbContext<SqliteBookingDbContext>(options => options.AddInterceptors(this));
        services.ConfigureDbContext<PostgresBookingDbContext>(options => options.AddInterceptors(this));
        services.ConfigureDbContext<SqlServerBookingDbContext>(options => options.AddInterceptors(this));
    }
}
