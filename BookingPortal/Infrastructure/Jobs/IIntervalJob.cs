using Quartz;

namespace BookingPortal.Infrastructure.Jobs;

/// <summary>
/// A job that runs at start-up and then every <see cref="Interval"/>. Its key and its interval, with the reason for
/// the interval, stand on the job; a feature's AddXxx() schedules it with <c>ScheduleEvery&lt;TJob&gt;()</c>.
/// </summary>
public interface IIntervalJob : IJob
{
    static abstract JobKey Key { get; }

    static abstract TimeSpan Interval { get; }
}
