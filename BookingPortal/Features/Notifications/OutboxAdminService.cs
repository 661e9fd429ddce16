using BookingPortal.Infrastructure.Jobs;
using Quartz;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Notifications;

/// <param name="Failed">Failed messages that can be sent again: one whose text retention emptied is a record, not work.</param>
public sealed record OutboxCounts(int Pending, int Sending, int Failed, int SentToday);

public sealed record OutboxRow(
    long Id, DateTime CreatedAtUtc, NotificationKind Kind, NotificationChannel Channel, string Recipient, string Subject,
    OutboxStatus Status, int Attempts, DateTime NextAttemptAtUtc, DateTime? SentAtUtc, string? LastError);

/// <summary>One message as staff see it; <see cref="TextBody"/> is null for a message only its recipient may read.</summary>
public sealed record OutboxDetail(OutboxRow Row, string? TextBody, string? AttachmentFileName, IReadOnlyList<DeliveryAttempt> Attempts)
{
    /// <summary>The template version the message was written from ("es v3"); null for built-in defaults and untemplated messages.</summary>
    public string? TemplateVersion { get; init; }
}

public sealed record OutboxPage(IReadOnlyList<OutboxRow> Rows, int Total);

public sealed record JobStatus(string Name, string Group, DateTimeOffset? NextRunUtc, JobRun? LastRun);

/// <summary>What staff see of delivery: the outbox, its attempts, and the scheduled jobs; and the one repair they can make.</summary>
[ScopedService]
public sealed class OutboxAdminService(
    IDbContextFactory<BookingDbContext> dbFactory,
    ISchedulerFactory schedulers,
    JobRunLog jobRuns,
    TimeProvider time)
{
    public const int MaxPageSize = 100;

    public async Task<OutboxCounts> CountAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var since = time.GetUtcNow().UtcDateTime.AddDays(-1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var byStatus = await db.OutboxMessages.Where(m => m.Status != OutboxStatus.Failed)
            .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(OutboxStatus status) => byStatus.FirstOrDefault(s => s.Key == status)?.Count ?? 0;
        var failed = await db.OutboxMessages.CountAsync(OutboxMessage.FailedToRetry, cancellationToken);
        var sentToday = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent && m.SentAtUtc >= since, cancellationToken);
        return new OutboxCounts(Count(OutboxStatus.Pending), Count(OutboxStatus.Sending), failed, sentToday);
    }

    /// <summary>Newest first, paged on the server; optionally one status, and a search in recipient and subject.</summary>
    public async Task<OutboxPage> ListAsync(StaffActor actor, OutboxStatus? status, string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.OutboxMessages.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(m => m.Status == wanted);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(m => m.Recipient.Contains(term) || m.Subject.Contains(term));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(m => m.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(m => new OutboxRow(m.Id, m.CreatedAtUtc, m.Kind, m.Channel, m.Recipient, m.Subject, m.Status, m.Attempts, m.NextAttemptAtUtc, m.SentAtUtc, m.LastError))
            .ToListAsync(cancellationToken);
        return new OutboxPage(rows, total);
    }

    public async Task<OutboxDetail?> GetAsync(StaffActor actor, long id, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var m = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (m is null)
        {
            return null;
        }

        var attempts = await db.DeliveryAttempts.AsNoTracking().Where(a => a.OutboxMessageId == id).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        var row = new OutboxRow(m.Id, m.CreatedAtUtc, m.Kind, m.Channel, m.Recipient, m.Subject, m.Status, m.Attempts, m.NextAttemptAtUtc, m.SentAtUtc, m.LastError);
        var template = await db.MessageTemplates.AsNoTracking().Where(t => t.Id == m.MessageTemplateId).Select(t => $"{t.Language} v{t.Version}").FirstOrDefaultAsync(cancellationToken);
        return new OutboxDetail(row, m.Kind.CarriesAccountKey() ? null : m.TextBody, m.AttachmentFileName, attempts) { TemplateVersion = template };
    }

    /// <summary>Puts failed messages back in line for a fresh round of attempts; their history stays.</summary>
    public async Task<int> RetryFailedAsync(StaffActor actor, long? id = null, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages
            .Where(OutboxMessage.FailedToRetry).Where(m => id == null || m.Id == id)
            .ExecuteUpdateAsync(m => m
                .SetProperty(x => x.Status, OutboxStatus.Pending)
                .SetProperty(x => x.Attempts, 0)
                .SetProperty(x => x.NextAttemptAtUtc, nowUtc), cancellationToken);
    }

    public async Task<IReadOnlyList<JobStatus>> ListJobsAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = new List<JobStatus>();
        foreach (var key in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), cancellationToken)).OrderBy(k => k.Group).ThenBy(k => k.Name))
        {
            var triggers = await scheduler.GetTriggersOfJob(key, cancellationToken);
            var next = triggers.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();
            jobs.Add(new JobStatus(key.Name, key.Group, next, jobRuns.LastRun(key)));
        }

        return jobs;
    }
}
