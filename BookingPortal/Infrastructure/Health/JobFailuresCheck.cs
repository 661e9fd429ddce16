using BookingPortal.Infrastructure.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookingPortal.Infrastructure.Health;

/// <summary>
/// Degraded, not unhealthy, while a job's last run on this instance failed: the instance still serves customers (a load
/// balancer keeps sending them), but reminders, refunds or messages may be waiting on it. Names the jobs and when they
/// failed, not why: the probe answers anyone, and an error's words may describe the database or a provider's account.
/// Staff read the errors at /admin/jobs.
/// </summary>
internal sealed class JobFailuresCheck(JobRunLog runs) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = runs.LastRuns
            .Where(run => run.Value.Error is not null)
            .OrderBy(run => run.Key.Name, StringComparer.Ordinal)
            .Select(run => $"{run.Key.Name} at {run.Value.StartedAtUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC")
            .ToList();
        return Task.FromResult(failed.Count == 0
            ? HealthCheckResult.Healthy("No job's last run on this instance failed.")
            : HealthCheckResult.Degraded($"The last run of {failed.Count} job(s) failed on this instance (see /admin/jobs): {string.Join("; ", failed)}."));
    }
}
