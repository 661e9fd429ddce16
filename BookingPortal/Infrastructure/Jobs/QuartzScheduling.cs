using Quartz;

namespace BookingPortal.Infrastructure.Jobs;

public static class QuartzScheduling
{
    /// <summary>Runs a job at start-up and then at a fixed interval (catching up after downtime at once).</summary>
    public static IQuartzBuilder ScheduleEvery<TJob>(this IQuartzBuilder quartz, JobKey key, TimeSpan interval)
        where TJob : IJob =>
        quartz.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity($"{key.Name}-every-{interval.TotalSeconds:0}s", key.Group)
                .StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()),
            job => job.WithIdentity(key));
}
