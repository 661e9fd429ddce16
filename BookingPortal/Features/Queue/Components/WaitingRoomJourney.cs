
namespace BookingPortal.Features.Queue.Components;

/// <summary>
/// The waiting room's states and transitions: what it shows, when it reads the queue, keeps a clock or watches
/// the snapshots, and what a join or leave calls. <see cref="WaitingRoom"/> draws it and hands it the page's
/// events. One per circuit, holding what the component held before: tens of thousands of circuits keep one
/// (see SharedMarkup on why every byte counts), so no per-render delegates and no collections here.
/// </summary>
public sealed class WaitingRoomJourney(IWaitingRoomQueue queue, IQueueSnapshots snapshots, TimeProvider clock, ILogger logger, IWaitingRoomHost host)
{
    private (int ServiceId, QueueMember Member, bool Bypass)? loadedFor;
    private long? watchedOpening;
    private IDisposable? subscription;
    private PeriodicTimer? ticker;
    private bool contentShown;
    private bool closed;
    private RankedArrival ranked;

    public WaitingRoomState? State { get; private set; }

    /// <summary>The time the countdowns are drawn at.</summary>
    public DateTime NowUtc { get; private set; }

    /// <summary>A join or leave is on its way: the buttons are disabled and a second click is ignored.</summary>
    public bool Busy { get; private set; }

    /// <summary>Why the last join was refused, until the next join; null when it gave a place.</summary>
    public JoinOutcome? Refusal { get; private set; }

    public int ServiceId => loadedFor?.ServiceId ?? 0;

    public QueueMember Member => loadedFor?.Member ?? default;

    public bool Bypass => loadedFor?.Bypass ?? false;

    public WaitingRoomView View => State switch
    {
        null => WaitingRoomView.Loading,
        _ when Bypass || State.Stage is QueueStage.NoRelease => WaitingRoomView.Content,
        { Stage: QueueStage.Admitted, Entry.ExpiresAtUtc: not null } => WaitingRoomView.Turn,
        _ => WaitingRoomView.Stage,
    };

    /// <summary>Whether the booking content is on the page (a visitor's turn shows the sign-in instead).</summary>
    public bool ShowsContent => View is WaitingRoomView.Content || (View is WaitingRoomView.Turn && Member.IsSignedIn);

    /// <summary>
    /// A countdown runs (before the opening, during a turn): only then can the stage end by the clock alone, so
    /// only then does the room keep a clock. Someone waiting in line is moved on by the snapshots, and a timer per
    /// waiting circuit firing every second cost an instance holding tens of thousands of them most of a core doing nothing.
    /// </summary>
    public bool CountsDown => State?.Stage is QueueStage.NotOpenYet or QueueStage.Admitted;

    /// <summary>The booking admission made of ranked choices while this page was open, to go on to (see <see cref="RankedArrival"/>).</summary>
    public string? RankedBookingToGoTo => ranked.ToGoTo(State);

    /// <summary>
    /// Takes the page's parameters: another service, person or mode hides the content (the page's pickers were for
    /// the old one) and reads the queue again. The page re-renders for its own reasons (new child content, a
    /// seat-change refresh): that is no reason to ask the database again. The room reloads itself on its clock,
    /// on queue snapshots, and on join or leave.
    /// </summary>
    public async Task SetTargetAsync(int serviceId, QueueMember member, bool bypass)
    {
        if (loadedFor == (serviceId, member, bypass))
        {
            return;
        }

        loadedFor = (serviceId, member, bypass);
        ranked.Reset();
        await ShowContentAsync(false);
        await ReloadAsync();
    }

    private async Task ShowContentAsync(bool shown)
    {
        if (shown != contentShown)
        {
            contentShown = shown;
            await host.ContentShownChangedAsync(shown);
        }
    }

    /// <param name="snapshot">The queue snapshot that sent the reload (its seats and places are already counted), or null.</param>
    private async Task ReloadAsync(QueueSnapshot? snapshot = null)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var loaded = await queue.GetStateAsync(ServiceId, Member, snapshot);
        if (closed)
        {
            // The customer left the page while the state loaded: no clock, no subscription, no pickers for it.
            return;
        }

        State = loaded;
        ranked.Loaded(loaded);
        KeepClockForStage();
        await ShowContentAsync(ShowsContent);
        if (host.IsInteractive && State.OpeningId is { } openingId && openingId != watchedOpening && !closed)
        {
            subscription?.Dispose();
            watchedOpening = openingId;
            subscription = snapshots.Subscribe(openingId, snapshot => _ = host.InvokeAsync(() => ApplyAsync(snapshot)));
        }
    }

    /// <summary>A snapshot of the queue this customer stands in: draw, read again, or nothing (see <see cref="Apply"/>).</summary>
    public async Task ApplyAsync(QueueSnapshot snapshot)
    {
        var effect = Apply(snapshot);
        if (effect is SnapshotEffect.Reload)
        {
            // The snapshot reaches this circuit on the broadcaster's thread, which goes on to everyone else's;
            // the reload's queries (synchronous on SQLite) run after it lets go, not while they wait.
            await Task.Yield();
            await ReloadAsync(snapshot);
        }

        if (effect is not SnapshotEffect.None)
        {
            host.Redraw();
        }
    }

    /// <summary>What a snapshot of the queue means here (see <see cref="QueueSnapshotReading"/>); a new place or seat count is taken.</summary>
    internal SnapshotEffect Apply(QueueSnapshot snapshot)
    {
        var (effect, updated) = QueueSnapshotReading.Read(State, snapshot, clock.GetUtcNow().UtcDateTime);
        if (effect is SnapshotEffect.Render)
        {
            State = updated;
            NowUtc = clock.GetUtcNow().UtcDateTime;
        }

        return effect;
    }

    private void KeepClockForStage()
    {
        var needed = !closed && host.IsInteractive && CountsDown;
        if (needed && ticker is null)
        {
            _ = RunClockAsync(ticker = new PeriodicTimer(TimeSpan.FromSeconds(1), clock));
        }
        else if (!needed && ticker is not null)
        {
            // Its loop ends at its next wait.
            ticker.Dispose();
            ticker = null;
        }
    }

    private async Task RunClockAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync())
            {
                await host.InvokeAsync(TickAsync);
            }
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            logger.LogError(ex, "The waiting room's clock stopped.");
            if (ticker == timer)
            {
                // The next reload that needs a clock starts a new one.
                ticker = null;
            }
        }
    }

    /// <summary>A second passed: crossing the opening or the end of the turn changes the stage; the countdowns redraw.</summary>
    public async Task TickAsync()
    {
        try
        {
            NowUtc = clock.GetUtcNow().UtcDateTime;
            var stageEnds = (State?.Stage == QueueStage.NotOpenYet && State.MyOpeningAtUtc <= NowUtc)
                || (State?.Stage == QueueStage.Admitted && State.Entry?.ExpiresAtUtc <= NowUtc);
            if (stageEnds)
            {
                await ReloadAsync();
            }

            // The countdowns change by the second and a reload may have changed the stage; a customer waiting
            // in line is otherwise redrawn only when their place moves (the snapshot's job). Skipping the render
            // after a reload froze the page on "opens in…" when the tick, not a snapshot, saw the opening first.
            if (stageEnds || CountsDown)
            {
                host.Redraw();
            }
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            // One failed second (the database busy at the opening, say) must not stop the countdown: the next tick tries again.
            logger.LogWarning(ex, "The waiting room could not refresh on its clock; trying again in a second.");
        }
    }

    /// <summary>Asks for a place.</summary>
    public Task JoinAsync(string? clientAddress) => WhileBusyAsync(async () =>
    {
        var result = await queue.JoinAsync(ServiceId, Member, clientAddress);
        Refusal = result.HasPlace ? null : result.Outcome;
    });

    /// <summary>Gives up this customer's place.</summary>
    public Task LeaveAsync() => WhileBusyAsync(async () =>
    {
        if (State?.Entry is { } entry)
        {
            await queue.LeaveAsync(entry.Id, Member);
        }
    });

    /// <summary>A join or leave, then a reload. A second click that reaches the server before the disabled render is ignored.</summary>
    private async Task WhileBusyAsync(Func<Task> call)
    {
        if (Busy)
        {
            return;
        }

        Busy = true;
        try
        {
            await call();
        }
        finally
        {
            // A failed call must leave the buttons usable: the customer can try again.
            Busy = false;
        }

        await ReloadAsync();
    }

    /// <summary>The customer left the page: no clock, no snapshots, and a reload still on its way changes nothing.</summary>
    public void Close()
    {
        closed = true;
        subscription?.Dispose();
        ticker?.Dispose();
        ticker = null;
    }
}
