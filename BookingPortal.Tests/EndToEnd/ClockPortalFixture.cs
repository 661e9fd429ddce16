namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// One portal with clock control (POST /testing/clock), shared by the journeys that move time. Each of them used to start
/// its own, 10–30 s of a loaded run each; they make their own services and releases (and customers, or
/// book as the demo customer, whose limits are per service), so none sees another's scene. Started on first use, not with the collection, so a run without these journeys does not pay for it.
/// The clock only moves forward and a journey may come after another that moved it, so journeys take "now" from
/// <see cref="Now"/>, never from DateTime.UtcNow, and move the clock through <see cref="MoveClockAsync"/>.
/// </summary>
public sealed class ClockPortalFixture : IAsyncLifetime
{
    private PortalProcess? portal;
    private TimeSpan ahead;

    /// <summary>
    /// The portal's time or a moment before it (never after): this machine's time plus how far the moves put the portal
    /// ahead. A release that opens an hour after this has its lobby open at once, as one an hour after the real time did
    /// on a portal of the test's own.
    /// </summary>
    public DateTime Now => DateTime.UtcNow + ahead;

    /// <summary>
    /// The portal, started on first use. A release asks for a proof of work only where its staff switch it on; 12 bits
    /// keep the trusted-draw journey's quick (the benchmark measures the real difficulties).
    /// </summary>
    public async Task<PortalProcess> PortalAsync() =>
        portal ??= await PortalProcess.StartAsync(clockControl: true, new Dictionary<string, string> { ["Queue:ProofOfWork:BaseDifficulty"] = "12" });

    /// <summary>Moves the portal's clock forward to <paramref name="utc"/> and runs its jobs once (see <see cref="PortalProcess.MoveClockAsync"/>).</summary>
    public async Task MoveClockAsync(DateTime utc)
    {
        var started = portal ?? throw new InvalidOperationException("Start the portal with PortalAsync first.");
        await started.MoveClockAsync(utc);
        // The portal moved to utc before this answer came back, so it is now at least this far ahead of this machine.
        var atLeast = utc - DateTime.UtcNow;
        if (atLeast > ahead)
        {
            ahead = atLeast;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => portal?.DisposeAsync() ?? Task.CompletedTask;
}
