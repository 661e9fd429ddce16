using Quartz;

namespace BookingPortal.Infrastructure.Jobs;

/// <summary>
/// The last run of a job on this instance: when it started (the scheduler's fire time), how long it took, the error if it
/// threw, and when it ended on the portal's clock (what the readiness check measures its age by).
/// </summary>
public sealed record JobRun(DateTimeOffset StartedAtUtc, TimeSpan Duration, string? Error, DateTimeOffset EndedAtUtc);

/// <summary>
/// Remembers each job's last run for the admin diagnostics page. Kept in memory: it describes
/// this instance, and Quartz itself knows the next fire times.
/// </summary>
public sealed class JobRunLog(TimeProvider time) : IJobListener
{
    private readonly ConcurrentDictionary<JobKey, JobRun> lastRuns = new();

    public string Name => nameof(JobRunLog);

    public JobRun? LastRun(JobKey key) => lastRuns.TryGetValue(key, out var run) ? run : null;

    /// <summary>The last run of every job that has run on this instance.</summary>
    public IReadOnlyCollection<KeyValuePair<JobKey, JobRun>> LastRuns => lastRuns.ToArray();

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        JobMetrics.Started(context);
        return ValueTask.CompletedTask;
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        // Quartz wraps what a job threw twice ("Job threw an unhandled exception."): the innermost is what went wrong.
        var error = jobException?.GetBaseException().Message;
        lastRuns[context.JobDetail.Key] = new JobRun(context.FireTimeUtc, context.JobRunTime, error, time.GetUtcNow());
        JobMetrics.Finished(context, jobException);
        return ValueTask.CompletedTask;
    }
}
