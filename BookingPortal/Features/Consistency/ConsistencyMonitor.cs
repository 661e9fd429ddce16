using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Consistency;

/// <summary>Runs the check for the nightly job and for staff, keeps the report and logs each violation.</summary>
[ScopedService]
public sealed class ConsistencyMonitor(ConsistencyCheck check, ConsistencyState state, ILogger<ConsistencyMonitor> logger)
{
    public ConsistencyReport? LastReport(StaffActor actor)
    {
        actor.EnsureStaff();
        return state.LastReport;
    }

    /// <exception cref="UnauthorizedAccessException">The caller is not staff.</exception>
    public Task<ConsistencyReport> RunNowAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        logger.LogInformation("Consistency check run on demand by staff {StaffId}.", actor.Id);
        return RunAndRecordAsync(cancellationToken);
    }

    /// <summary>One error line per violation, with its ids, so an alert on the log names what to repair.</summary>
    public async Task<ConsistencyReport> RunAndRecordAsync(CancellationToken cancellationToken = default)
    {
        var report = await check.RunAsync(cancellationToken);
        state.Record(report);
        ConsistencyMetrics.Found(report);
        foreach (var violation in report.Violations)
        {
            logger.LogError("Consistency violation {Invariant}: {Description} Ids: {Ids}",
                violation.Invariant, violation.Description, string.Join(", ", violation.Ids));
        }

        logger.LogInformation("Consistency check found {Count} violation(s) in {Milliseconds:0} ms.", report.Violations.Count, report.Duration.TotalMilliseconds);
        return report;
    }
}
