using BookingPortal.Data;
using BookingPortal.Features.Queue;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace BookingPortal.Features.Releases;

/// <summary>At a release's opening: make sure the opening exists and tick its queue at once, so the early arrivals are drawn without waiting for the next admission tick.</summary>
[DisallowConcurrentExecution]
public sealed class ReleaseOpeningJob(IDbContextFactory<BookingDbContext> dbFactory, AdmissionController admissions, ILogger<ReleaseOpeningJob> logger) : IJob
{
    public const string ReleaseIdKey = "releaseId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Run without a trigger of its own (an operator's "run now", the test clock), it has no release to open.
        if (!context.MergedJobDataMap.ContainsKey(ReleaseIdKey))
        {
            return;
        }

        var releaseId = context.MergedJobDataMap.GetInt(ReleaseIdKey);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == releaseId, cancellationToken);
        if (release is null)
        {
            return;
        }

        var opening = await ReleaseGate.EnsureOpeningAsync(db, release, context.ScheduledFireTimeUtc?.UtcDateTime ?? context.FireTimeUtc.UtcDateTime, cancellationToken);
        var admitted = await admissions.TickAsync(opening.Id, cancellationToken);
        logger.LogInformation("Release {ReleaseId} opened ({OpensAt:o}); {Admitted} admitted at once.", releaseId, opening.OpensAtUtc, admitted);
    }
}
