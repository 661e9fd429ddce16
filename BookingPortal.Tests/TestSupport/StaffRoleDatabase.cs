namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// The portal's database as the staff-role check (<see cref="StaffActors"/>) sees it; staff pages and the cancel
/// dialog ask it first on every action. A test holds it to keep an action waiting part-way, as a busy server
/// database would (SQLite's calls finish before they return, so nothing else overlaps them), or breaks it to
/// make the action fail.
/// </summary>
public sealed class StaffRoleDatabase(IDbContextFactory<BookingDbContext> inner) : IDbContextFactory<BookingDbContext>
{
    private TaskCompletionSource open = Opened();

    public bool Broken { get; set; }

    private TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>From now on every action waits at its role check until <see cref="Release"/>.</summary>
    public void Hold()
    {
        open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release() => open.TrySetResult();

    /// <summary>Completes when an action first waits at the last <see cref="Hold"/>.</summary>
    public Task Reached => reached.Task;

    /// <summary>
    /// Lets the actions from now on through while those waiting go on waiting until the returned gate is opened: an
    /// action begun first then ends after one begun later, as on a server database.
    /// </summary>
    public Action PassLaterOnes()
    {
        var waiting = open;
        open = Opened();
        return () => waiting.TrySetResult();
    }

    public BookingDbContext CreateDbContext() =>
        Broken ? throw new InvalidOperationException("The database is unreachable.") : inner.CreateDbContext();

    public async Task<BookingDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        var gate = open;
        if (!gate.Task.IsCompleted)
        {
            reached.TrySetResult();
        }

        await gate.Task.WaitAsync(cancellationToken);
        return CreateDbContext();
    }

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource();
        opened.SetResult();
        return opened;
    }
}
