using BookingPortal.Features.Queue;
using BookingPortal.Features.Webhooks;
using Quartz;

namespace BookingPortal.Features.Releases;

/// <summary>What a release.opened webhook event says.</summary>
public sealed record ReleaseOpenedData(int ReleaseId, int ServiceId, long OpeningId, DateTime OpensAtUtc, string SeedCommitment);

/// <summary>At a release's opening: make sure the opening exists and tick its queue at once, so the early arrivals are drawn without waiting for the next admission tick.</summary>
[DisallowConcurrentExecution]
public sealed class ReleaseOpeningJob(
    IDbContextFactory<BookingDbContext> dbFactory, AdmissionController admissions, WebhookOutbox webhooks, ILogger<ReleaseOpeningJob> logger) : IJob
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
        // Keyed by the opening, so a job that fires twice tells the webhooks once.
        await webhooks.QueueAsync(db, WebhookEventTypes.ReleaseOpened, $"release-opened:{opening.Id}",
            new ReleaseOpenedData(release.Id, release.ServiceId, opening.Id, opening.OpensAtUtc, PublicDraw.Commitment(opening.Seed)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Release {ReleaseId} opened ({OpensAt:o}); {Admitted} admitted at once.", releaseId, opening.OpensAtUtc, admitted);
    }
}
