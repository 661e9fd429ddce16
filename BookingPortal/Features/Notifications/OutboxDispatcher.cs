using BookingPortal.Features.Notifications.Ports;
using System.Linq.Expressions;

namespace BookingPortal.Features.Notifications;

/// <summary>
/// Delivers due outbox messages. Each message is claimed by a conditional update before it is
/// sent, so two dispatchers (two job runs, two instances) never send the same message; a claim
/// whose owner died (a crash, a kill) lapses after the claim timeout and the message is taken
/// over, so nothing is lost. Every attempt and the provider's answer are recorded.
/// </summary>
[ScopedService]
public sealed class OutboxDispatcher(
    IDbContextFactory<BookingDbContext> dbFactory,
    IEnumerable<INotificationChannel> channels,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    /// <returns>How many messages were handed to a provider successfully.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var live = channels.Where(c => c.IsConfigured).ToDictionary(c => c.Channel);
        if (live.Count == 0)
        {
            return 0;
        }

        var lanes = await DueLanesAsync(live.Keys.ToList(), time.GetUtcNow().UtcDateTime, cancellationToken);
        var sent = await Task.WhenAll(lanes.Select(lane => DeliverLaneAsync(lane, live, cancellationToken)));
        return sent.Sum();
    }

    /// <summary>
    /// The messages of one channel (and, for webhooks, of one endpoint), sent in order. Lanes run side by side, so a
    /// receiver that hangs or a provider that is down holds up its own messages only: one queue for all let a stalled
    /// webhook keep "your turn" texts waiting until the turn had ended.
    /// </summary>
    private sealed record Lane(NotificationChannel Channel, long? WebhookEndpointId);

    private async Task<List<Lane>> DueLanesAsync(List<NotificationChannel> liveChannels, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lanes = await db.OutboxMessages.AsNoTracking().Where(IsDue(nowUtc)).Where(m => liveChannels.Contains(m.Channel))
            .Select(m => new { m.Channel, m.WebhookEndpointId }).Distinct().ToListAsync(cancellationToken);
        return lanes.Select(l => new Lane(l.Channel, l.WebhookEndpointId)).ToList();
    }

    private async Task<int> DeliverLaneAsync(Lane lane, Dictionary<NotificationChannel, INotificationChannel> live, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await DueMessageIdsAsync(db, lane, time.GetUtcNow().UtcDateTime, cancellationToken);
        var handled = new List<Handled>();
        try
        {
            foreach (var id in due)
            {
                if (await TryClaimAsync(db, id, cancellationToken) is { } claim)
                {
                    handled.Add(await DeliverAsync(db, id, claim, live, cancellationToken));
                }

                // A passing fault (a timeout, a 5xx): the rest wait for the next run instead of each waiting out the
                // same timeout now and spending an attempt on it.
                if (handled.LastOrDefault() == Handled.WillRetry)
                {
                    break;
                }
            }
        }
        finally
        {
            // Also when a later message throws or the run is stopped: the skipped rows are not looked at again.
            WarnOfStaleSkips(handled.Count(h => h == Handled.SkippedAsStale));
        }

        return handled.Count(h => h == Handled.Sent);
    }

    /// <summary>One line a lane a run, not one a message: the day delivery is turned on, a backlog of thousands would bury the log.</summary>
    private void WarnOfStaleSkips(int stale)
    {
        if (stale > 0)
        {
            logger.LogWarning("{Count} outbox e-mail(s) or text(s) skipped as stale: unsent more than {Hours} hours after they were due, or linking to localhost. Each message's row says why.",
                stale, options.Value.MaxDelayHours);
        }
    }

    private enum Handled
    {
        Sent,
        NotSent,
        WillRetry,
        SkippedAsStale,
    }

    /// <summary>The lane's oldest due messages, one batch.</summary>
    private Task<List<long>> DueMessageIdsAsync(BookingDbContext db, Lane lane, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.OutboxMessages.AsNoTracking()
            .Where(IsDue(nowUtc))
            .Where(m => m.Channel == lane.Channel && m.WebhookEndpointId == lane.WebhookEndpointId)
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

    /// <returns>The claim's token, or null when another dispatcher holds the message or it is no longer due.</returns>
    private Task<Guid?> TryClaimAsync(BookingDbContext db, long id, CancellationToken cancellationToken)
    {
        var claimedAtUtc = time.GetUtcNow().UtcDateTime;
        return DispatchClaims.TakeAsync(
            db.OutboxMessages.Where(m => m.Id == id).Where(IsDue(claimedAtUtc)),
            m => m.SetProperty(x => x.Status, OutboxStatus.Sending), claimedAtUtc, options.Value.ClaimTimeoutSeconds, cancellationToken);
    }

    private static Expression<Func<OutboxMessage, bool>> IsDue(DateTime nowUtc) =>
        m => (m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= nowUtc)
             || (m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc <= nowUtc);

    private async Task<Handled> DeliverAsync(
        BookingDbContext db, long id, Guid claim, Dictionary<NotificationChannel, INotificationChannel> live, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        var readAtUtc = time.GetUtcNow().UtcDateTime;
        var stale = message.Channel == NotificationChannel.Webhook ? null : StaleMessages.Reason(message, options.Value, readAtUtc);
        if ((stale ?? await OutboxSkipRules.ReasonToSkipAsync(db, message, readAtUtc, cancellationToken)) is { } reason)
        {
            await FinishAsync(db, message, claim, OutboxStatus.Skipped, attempt: null, lastError: reason, cancellationToken: cancellationToken);
            if (stale is null)
            {
                return Handled.NotSent;
            }

            // Unlike a reminder for a cancelled booking, these are messages someone was owed: the run's Warning counts them.
            logger.LogInformation("Outbox message {Id} ({Kind} by {Channel}) skipped. {Reason}", message.Id, message.Kind, message.Channel, stale);
            return Handled.SkippedAsStale;
        }

        var result = await SendAsync(live[message.Channel], message, cancellationToken);
        var attempts = message.Attempts + 1;
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var attempt = new DeliveryAttempt
        {
            OutboxMessageId = id,
            Number = attempts,
            AttemptedAtUtc = nowUtc,
            Succeeded = result.Outcome == DeliveryOutcome.Delivered,
            Response = result.Response,
        };
        var settings = options.Value;
        var status = result.Outcome switch
        {
            DeliveryOutcome.Delivered => OutboxStatus.Sent,
            DeliveryOutcome.Rejected => OutboxStatus.Failed,
            _ => DeliveryPolicy.ShouldGiveUp(attempts, settings.MaxAttempts) ? OutboxStatus.Failed : OutboxStatus.Pending,
        };
        var next = nowUtc + DeliveryPolicy.RetryDelay(attempts, TimeSpan.FromSeconds(settings.RetryBaseDelaySeconds));
        await FinishAsync(db, message, claim, status, attempt, status == OutboxStatus.Sent ? null : result.Response, next, result.ProviderMessageId, cancellationToken);
        LogOutcome(message, status, attempts, next, result.Response);
        return status == OutboxStatus.Sent ? Handled.Sent : status == OutboxStatus.Pending ? Handled.WillRetry : Handled.NotSent;
    }

    private static async Task<DeliveryResult> SendAsync(INotificationChannel channel, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A timeout or a dropped connection: the provider may not have seen it; try again later.
            return new DeliveryResult(DeliveryOutcome.RetryLater, DeliveryResult.Truncate($"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    private void LogOutcome(OutboxMessage message, OutboxStatus status, int attempts, DateTime next, string? response)
    {
        if (status == OutboxStatus.Failed)
        {
            logger.LogError("Outbox message {Id} ({Kind} by {Channel}) failed after {Attempts} attempt(s): {Response}", message.Id, message.Kind, message.Channel, attempts, PersonalDataMask.Scrub(response));
        }
        else if (status == OutboxStatus.Pending)
        {
            logger.LogWarning("Outbox message {Id} attempt {Attempt} failed, retrying at {Next:o}: {Response}", message.Id, attempts, next, PersonalDataMask.Scrub(response));
        }
    }

    private async Task FinishAsync(
        BookingDbContext db, OutboxMessage message, Guid claim, OutboxStatus status, DeliveryAttempt? attempt, string? lastError,
        DateTime? nextAttemptUtc = null, string? providerMessageId = null, CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var attempts = message.Attempts + (attempt is null ? 0 : 1);
        // Finished without the cancellation token: the provider has answered, and that answer must be recorded.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var updated = await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.ClaimToken == claim)
            .ExecuteUpdateAsync(m => m
                .SetProperty(x => x.Status, status)
                .SetProperty(x => x.ProviderMessageId, providerMessageId)
                .Answered(attempts, nextAttemptUtc ?? nowUtc, status == OutboxStatus.Sent ? nowUtc : null, lastError), CancellationToken.None);
        if (updated == 1 && attempt is not null)
        {
            db.DeliveryAttempts.Add(attempt);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        if (updated != 1)
        {
            logger.LogWarning("Outbox message {Id}: the claim lapsed before the provider answered; another dispatcher owns it now.", message.Id);
        }
    }
}
