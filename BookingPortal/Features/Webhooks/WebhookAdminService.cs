using BookingPortal.Features.Webhooks.Ports;
using BookingPortal.Features.Staff;
using BookingPortal.Features.Audit;

namespace BookingPortal.Features.Webhooks;

/// <summary>What staff fill in to register an endpoint.</summary>
public sealed class WebhookEndpointDraft
{
    public string? Url { get; set; }
    public string? Description { get; set; }
    public HashSet<string> EventTypes { get; set; } = [];
}

public sealed record WebhookEndpointRow(long Id, string Url, string Description, IReadOnlyList<string> EventTypes, bool IsActive, DateTime CreatedAtUtc, int Pending, int Failed);

/// <summary>
/// One delivery of an event to an endpoint, with the endpoint's last answers. <see cref="EventId"/> is null when
/// the body is gone (emptied by an earlier version's retention): such a delivery is shown but cannot be sent again.
/// </summary>
public sealed record WebhookDeliveryRow(
    long MessageId, string EventType, string? EventId, OutboxStatus Status, int Attempts, DateTime CreatedAtUtc, DateTime? SentAtUtc,
    DateTime NextAttemptAtUtc, IReadOnlyList<DeliveryAttempt> LastAttempts);

/// <summary>What staff's Resend did.</summary>
public enum ResendOutcome
{
    Queued,

    /// <summary>Still waiting for its turn or being sent right now (or no such delivery): nothing to do.</summary>
    NotFinished,

    /// <summary>Its body was emptied by retention, so there is no event left to send; queuing it would only fail.</summary>
    BodyPurged,
}

/// <summary>A registered endpoint; <see cref="Secret"/> is shown to staff once, to set up their receiver.</summary>
public sealed record RegisteredWebhook(long Id, string Secret);

/// <summary>Staff register webhook endpoints, see their deliveries and resend one. Every method checks the role and audits changes.</summary>
[ScopedService]
public sealed class WebhookAdminService(IDbContextFactory<BookingDbContext> dbFactory, WebhookUrlPolicy urls, WebhookSecrets secrets, AuditLog audit, TimeProvider time)
{
    public const int DeliveriesShown = 50;

    public async Task<IReadOnlyList<WebhookEndpointRow>> ListAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var counts = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.WebhookEndpointId != null && (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending || m.Status == OutboxStatus.Failed))
            .GroupBy(m => new { m.WebhookEndpointId, Failed = m.Status == OutboxStatus.Failed })
            .Select(g => new { g.Key.WebhookEndpointId, g.Key.Failed, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(long id, bool failed) => counts.Where(c => c.WebhookEndpointId == id && c.Failed == failed).Sum(c => c.Count);
        return endpoints.Select(e => new WebhookEndpointRow(e.Id, e.Url, e.Description, e.Events, e.IsActive, e.CreatedAtUtc, Count(e.Id, false), Count(e.Id, true))).ToList();
    }

    /// <returns>The endpoint and its signing secret, or the field errors (Url, EventTypes, Description).</returns>
    public async Task<(RegisteredWebhook? Registered, IReadOnlyList<FieldError> Errors)> RegisterAsync(
        StaffActor actor, WebhookEndpointDraft draft, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var errors = new List<FieldError>();
        if (await urls.CheckAsync(draft.Url, cancellationToken) is { } urlError)
        {
            errors.Add(urlError);
        }

        if (EventTypesError(draft.EventTypes) is { } eventsError)
        {
            errors.Add(eventsError);
        }

        if ((draft.Description ?? "").Length > 200)
        {
            errors.Add(FieldError.Of(nameof(draft.Description), "Keep the description to {0} characters.", 200));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var endpoint = new WebhookEndpoint
        {
            Url = draft.Url!.Trim(),
            Secret = secrets.Protect(secret),
            EventTypes = Stored(draft.EventTypes),
            Description = draft.Description?.Trim() ?? "",
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            CreatedById = actor.Id,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.WebhookEndpoints.Add(endpoint);
        audit.Record(db, actor, "webhook.registered", endpoint.Url, endpoint.EventTypes);
        await db.SaveChangesAsync(cancellationToken);
        return (new RegisteredWebhook(endpoint.Id, secret), []);
    }

    /// <summary>A paused endpoint gets no new events; deliveries already queued for it are skipped at their turn.</summary>
    public async Task<bool> SetActiveAsync(StaffActor actor, long endpointId, bool active, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        if (endpoint is null)
        {
            return false;
        }

        endpoint.IsActive = active;
        audit.Record(db, actor, active ? "webhook.resumed" : "webhook.paused", endpoint.Url);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Changes which events an endpoint is sent, keeping its secret and history: events written from now on follow the
    /// new list, deliveries already queued go as they are. Saved is false with no errors when there is no such endpoint.
    /// </summary>
    public async Task<(bool Saved, IReadOnlyList<FieldError> Errors)> SetEventsAsync(
        StaffActor actor, long endpointId, IReadOnlyCollection<string> eventTypes, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        if (EventTypesError(eventTypes) is { } error)
        {
            return (false, [error]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        if (endpoint is null)
        {
            return (false, []);
        }

        var before = endpoint.EventTypes;
        endpoint.EventTypes = Stored(eventTypes);
        audit.Record(db, actor, "webhook.events_changed", endpoint.Url, $"{before} → {endpoint.EventTypes}");
        await db.SaveChangesAsync(cancellationToken);
        return (true, []);
    }

    /// <summary>The one rule for an endpoint's events, at registration and on every edit; keyed like the draft's field.</summary>
    private static FieldError? EventTypesError(IReadOnlyCollection<string> eventTypes) =>
        eventTypes.Count == 0 || eventTypes.Any(t => !WebhookEventTypes.All.Contains(t))
            ? FieldError.Of(nameof(WebhookEndpointDraft.EventTypes), "Choose at least one event from the list.")
            : null;

    /// <summary>In the list's own order, so the stored text does not depend on the order they were ticked.</summary>
    private static string Stored(IReadOnlyCollection<string> eventTypes) => string.Join(' ', WebhookEventTypes.All.Where(eventTypes.Contains));

    /// <summary>The newest deliveries to one endpoint with their last three answers.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> DeliveriesAsync(StaffActor actor, long endpointId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.WebhookEndpointId == endpointId)
            .OrderByDescending(m => m.Id)
            .Take(DeliveriesShown)
            .ToListAsync(cancellationToken);
        var ids = messages.Select(m => m.Id).ToList();
        var attempts = (await db.DeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.OutboxMessageId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.OutboxMessageId);
        return messages.Select(m => new WebhookDeliveryRow(
            m.Id, m.Subject, WebhookSignature.EventIdOf(m.TextBody), m.Status, m.Attempts, m.CreatedAtUtc, m.SentAtUtc, m.NextAttemptAtUtc,
            attempts[m.Id].OrderByDescending(a => a.Number).Take(3).ToList())).ToList();
    }

    /// <summary>
    /// Queues a finished delivery again, with the same event id, so a receiver that lost it (or
    /// was fixed after it failed) gets it; one being sent right now is left alone, and one whose
    /// body is gone is refused rather than queued to fail every attempt.
    /// </summary>
    public async Task<ResendOutcome> ResendAsync(StaffActor actor, long messageId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var requeued = await db.OutboxMessages
            .Where(m => m.Id == messageId && m.Channel == NotificationChannel.Webhook && m.BodiesPurgedAtUtc == null
                        && (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.Skipped))
            .ExecuteUpdateAsync(m => m
                .SetProperty(x => x.Status, OutboxStatus.Pending)
                .SetProperty(x => x.Attempts, 0)
                .SetProperty(x => x.NextAttemptAtUtc, nowUtc)
                .SetProperty(x => x.LastError, (string?)null), cancellationToken);
        if (requeued == 0)
        {
            var purged = await db.OutboxMessages.AnyAsync(
                m => m.Id == messageId && m.Channel == NotificationChannel.Webhook && m.BodiesPurgedAtUtc != null, cancellationToken);
            return purged ? ResendOutcome.BodyPurged : ResendOutcome.NotFinished;
        }

        audit.Record(db, actor, "webhook.resent", $"outbox {messageId}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ResendOutcome.Queued;
    }
}
