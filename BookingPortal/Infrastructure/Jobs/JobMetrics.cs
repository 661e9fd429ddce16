using System.Diagnostics;
using System.Diagnostics.Metrics;
using Quartz;
using BookingPortal.Infrastructure.Telemetry;

namespace BookingPortal.Infrastructure.Jobs;

/// <summary>Each scheduled job's run as a span, its duration and its failures, by job name.</summary>
public static class JobMetrics
{
    public static readonly Meter Meter = new("BookingPortal.Jobs");
    public static readonly ActivitySource Source = new("BookingPortal.Jobs");

    public const string DurationName = "bookingportal.jobs.duration";
    public const string FailuresName = "bookingportal.jobs.failures";

    private static readonly ConcurrentDictionary<string, Activity> Running = new();
    private static readonly Histogram<double> Duration = Meter.CreateHistogram(DurationName, "s", "Time of one run of a scheduled job.", advice: SecondsBuckets.Advice);
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(FailuresName, "{run}", "Job runs that ended with an error.");

    public static void Started(IJobExecutionContext context)
    {
        var activity = Source.StartActivity($"job {context.JobDetail.Key.Name}", ActivityKind.Internal);
        if (activity is not null)
        {
            Running[context.FireInstanceId] = activity;
        }
    }

    public static void Finished(IJobExecutionContext context, JobExecutionException? failure)
    {
        var job = new KeyValuePair<string, object?>("job", context.JobDetail.Key.Name);
        Duration.Record(context.JobRunTime.TotalSeconds, job);
        if (failure is not null)
        {
            Failures.Add(1, job);
        }

        if (Running.TryRemove(context.FireInstanceId, out var activity))
        {
            activity.SetStatus(failure is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error, failure?.Message);
            activity.Dispose();
        }
    }
}
