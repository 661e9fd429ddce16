namespace BookingPortal.Features.Queue.Components;

/// <summary>The page the journey runs in: <see cref="WaitingRoom"/> in the portal, a stand-in in a test.</summary>
public interface IWaitingRoomHost
{
    /// <summary>A live circuit, not prerendering: only then does the room keep a clock or watch the queue.</summary>
    bool IsInteractive { get; }

    /// <summary>Runs work on the page's dispatcher, where its state may change.</summary>
    Task InvokeAsync(Func<Task> work);

    void Redraw();

    /// <summary>The booking content appeared (true) or went (false); see WaitingRoom.ContentShownChanged.</summary>
    Task ContentShownChangedAsync(bool shown);
}
