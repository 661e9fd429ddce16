using BookingPortal.Infrastructure.Jobs;
using BookingPortal.Infrastructure.Hosting;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Notifications.Ports;
using Quartz;

namespace BookingPortal.Features.Accounts;

/// <summary>"Retention:MessageDays": how long the outbox keeps what a message said.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    public int MessageDays { get; set; } = 90;
}

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        new OptionsErrors(RetentionOptions.SectionName).Range(nameof(options.MessageDays), options.MessageDays, 1, 3650).Result;
}

/// <summary>
/// Empties the rendered bodies (text, HTML, calendar file) of e-mails and texts older than the retention,
/// once they are finished (sent, failed or skipped) or can never go (overdue past
/// Notifications:MaxDelayHours, which the dispatcher would skip: with delivery off, the Production default,
/// such rows stayed Pending with their bodies for good): the body repeats personal details that the
/// booking itself keeps. Who, what kind, when, the status and the delivery attempts stay as the
/// record that the customer was told. Idempotent: a purged message is not touched again.
/// </summary>
/// <remarks>
/// Webhook rows keep their body: it is the event itself (ids, the service, times and an account id, never a
/// name, address or phone: see WebhookOutbox), nothing the booking does not keep anyway, and it is what staff's
/// Resend sends again under the same event id and what the deliveries view reads the event id from.
/// Account closing leaves them whole for the same reason.
/// </remarks>
[ScopedService]
public sealed class MessageRetention(
    IDbContextFactory<BookingDbContext> dbFactory, IOptions<RetentionOptions> options, IOptions<NotificationsOptions> notifications, TimeProvider time)
{
    public const string PurgedText = "";

    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var before = nowUtc.AddDays(-options.Value.MessageDays);
        var overdue = StaleMessages.OverdueBefore(notifications.Value, nowUtc);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages
            .Where(m => m.BodiesPurgedAtUtc == null && m.CreatedAtUtc < before && m.Channel != NotificationChannel.Webhook
                        && (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.Skipped
                            || (m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc < overdue)))
            .ExecuteUpdateAsync(m => m
                .SetProperty(x => x.TextBody, PurgedText)
                .SetProperty(x => x.HtmlBody, (string?)null)
                .SetProperty(x => x.AttachmentContent, (string?)null)
                .SetProperty(x => x.BodiesPurgedAtUtc, nowUtc), cancellationToken);
    }
}

public sealed class MessageRetentionJob(MessageRetention retention) : DelegatingJob(retention.PurgeAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(MessageRetentionJob), "accounts");

    /// <summary>Rendered message bodies past their retention are emptied every hour (a run finds little after the first).</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromHours(1);
}
