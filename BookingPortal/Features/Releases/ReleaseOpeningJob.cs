using BookingPortal.Features.Queue;
using BookingPortal.Features.Webhooks;
using Quartz;

namespace BookingPortal.Features.Releases;

/// <summary>What a release.opened webhook event says.</summary>
public sealed record ReleaseOpenedData(int ReleaseId, int ServiceId, long OpeningId, DateTime OpensAtUtc, string SeedCommitment);

/// <summary>At a release's opening, <see cref="ReleaseOpener"/> opens it.</summary>
[DisallowConcurrentExecution]
public sealed class ReleaseOpeningJob(ReleaseOpener opener) : IJob
{
    public const string ReleaseIdKey = "releaseId";

    /// <summary>An opening a start-up catches up on (Unix milliseconds); a trigger of the schedule opens at its own fire time.</summary>
    public const string OpensAtKey = "opensAtUnixMs";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Run without a trigger of its own (an operator's "run now", the test clock), it has no release to open.
        if (!context.MergedJobDataMap.ContainsKey(ReleaseIdKey))
        {
            return;
        }

        var data = context.MergedJobDataMap;
        var opensAtUtc = data.ContainsKey(OpensAtKey)
            ? DateTimeOffset.FromUnixTimeMilliseconds(data.GetLong(OpensAtKey)).UtcDateTime
            : context.ScheduledFireTimeUtc?.UtcDateTime ?? context.FireTimeUtc.UtcDateTime;
        await opener.OpenAsync(data.GetInt(ReleaseIdKey), opensAtUtc, cancellationToken);
    }
}

/// <summary>
/// Makes sure the opening exists, tells the webhooks, and ticks its queue at once, so the early arrivals are drawn
/// without waiting for the next admission tick.
/// </summary>
[ScopedService]
public sealed class ReleaseOpener(IDbContextFactory<BookingDbContext> dbFactory, AdmissionController admissions, WebhookOutbox webhooks, ILogger<ReleaseOpener> logger)
{
    /// <returns>How many the first tick admitted; null when the release no longer exists.</returns>
    public async Task<int?> OpenAsync(int releaseId, DateTime opensAtUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == releaseId, cancellationToken);
        if (release is null)
        {
            return null;
        }

        var opening = await ReleaseGate.EnsureOpeningAsync(db, release, opensAtUtc, cancellationToken);
        // Told before the tick, and keyed by the opening (a job that fires twice tells once): a tick that fails (the rare
        // deadlock with ranked-choice booking) used to end the job before the event was written, and nothing wrote it later.
        await webhooks.QueueAsync(db, WebhookEventTypes.ReleaseOpened, $"release-opened:{opening.Id}",
            new ReleaseOpenedData(release.Id, release.ServiceId, opening.Id, opening.OpensAtUtc, PublicDraw.Commitment(opening.Seed)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var admitted = await ConflictRetry.RunAsync(() => admissions.TickAsync(opening.Id, cancellationToken), logger, cancellationToken);
        logger.LogInformation("Release {ReleaseId} opened ({OpensAt:o}); {Admitted} admitted at once.", releaseId, opening.OpensAtUtc, admitted);
        return admitted;
    }
}
