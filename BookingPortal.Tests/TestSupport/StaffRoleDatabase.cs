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

    /// <summary>From now on every action waits at its role check until <see cref="Release"/>.</summary>
    public void Hold() => open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => open.TrySetResult();

    public BookingDbContext CreateDbContext() =>
        Broken ? throw new InvalidOperationException("The database is unreachable.") : inner.CreateDbContext();

    public async Task<BookingDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        await open.Task.WaitAsync(cancellationToken);
        return CreateDbContext();
    }

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource();
        opened.SetResult();
        return opened;
    }
}
