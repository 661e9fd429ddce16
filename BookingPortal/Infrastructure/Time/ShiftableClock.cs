namespace BookingPortal.Infrastructure.Time;

/// <summary>
/// The system clock moved forward by an offset, for end-to-end tests that must see a grace period
/// pass without waiting for it. Only registered when Testing:ClockControl is on, in Development or Testing only.
/// </summary>
public sealed class ShiftableClock(TimeProvider inner) : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>Moves the clock forward to <paramref name="target"/>; time never goes backwards.</summary>
    public DateTimeOffset MoveTo(DateTimeOffset target)
    {
        var shift = target - GetUtcNow();
        if (shift > TimeSpan.Zero)
        {
            Interlocked.Add(ref offsetTicks, shift.Ticks);
        }

        return GetUtcNow();
    }
}
