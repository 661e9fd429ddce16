using BookingPortal.Infrastructure.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookingPortal.Infrastructure.Health;

/// <summary>
/// Degraded, not unhealthy, while a job's last run on this instance failed within <see cref="ShownFor"/>: the instance
/// still serves customers (a load balancer keeps sending them), but reminders, refunds or messages may be waiting on it.
/// A job that runs every few seconds or minutes keeps it Degraded for as long as it keeps failing and clears it with its
/// next clean run; one that runs once a day or once a release (every release's opening is one job) would otherwise hold
/// it for days, so its failure is shown for an hour and stays on /admin/jobs. Each instance hears only its own runs.
/// Names the jobs and when their runs started, not why they failed: the probe answers anyone, and an error's words may
/// describe the database or a provider's account. Staff read the errors at /admin/jobs.
/// </summary>
internal sealed class JobFailuresCheck(JobRunLog runs, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan ShownFor = TimeSpan.FromHours(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow() - ShownFor;
        var failed = runs.LastRuns
            .Where(run => run.Value.Error is not null && run.Value.EndedAtUtc >= since)
            .OrderBy(run => run.Key.Name, StringComparer.Ordinal)
            .Select(run => $"{run.Key.Name} (run started {run.Value.StartedAtUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)")
            .ToList();
        return Task.FromResult(failed.Count == 0
            ? HealthCheckResult.Healthy("No job's last run on this instance failed in the last hour.")
            : HealthCheckResult.Degraded($"The last run of {failed.Count} job(s) failed on this instance (see /admin/jobs): {string.Join("; ", failed)}."));
    }
}
