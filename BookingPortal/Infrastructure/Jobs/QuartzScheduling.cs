using Quartz;

namespace BookingPortal.Infrastructure.Jobs;

public static class QuartzScheduling
{
    /// <summary>
    /// Runs a job at start-up and then every <see cref="IIntervalJob.Interval"/> (catching up after downtime at once).
    /// A run cut short by its instance dying is run again by another as soon as the cluster notices (about 20 s), not
    /// at the next interval: every interval job claims its work row by row, so running the rest again is safe.
    /// </summary>
    public static IQuartzBuilder ScheduleEvery<TJob>(this IQuartzBuilder quartz)
        where TJob : IIntervalJob =>
        quartz.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity($"{TJob.Key.Name}-every-{TJob.Interval.TotalSeconds:0}s", TJob.Key.Group)
                .StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(TJob.Interval).RepeatForever()),
            job => job.WithIdentity(TJob.Key).RequestRecovery());
}
