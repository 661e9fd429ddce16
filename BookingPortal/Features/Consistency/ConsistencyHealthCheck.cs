using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookingPortal.Features.Consistency;

/// <summary>
/// Degraded, not unhealthy, while the last report has violations: the instance still serves
/// customers correctly, but someone must repair data. Reads the stored report; never runs the check.
/// </summary>
internal sealed class ConsistencyHealthCheck(ConsistencyState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.LastReport switch
        {
            null => HealthCheckResult.Healthy("Not checked yet on this instance."),
            { IsClean: true } report => HealthCheckResult.Healthy($"No violations at {report.CheckedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC."),
            var report => HealthCheckResult.Degraded(
                $"{report.Violations.Count} violation(s) at {report.CheckedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {string.Join("; ", report.Violations.Select(v => v.Invariant).Distinct())}."),
        });
}
