using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Notifications.Templates;

/// <summary>One saved version as the editor lists it.</summary>
public sealed record TemplateVersionRow(long Id, int Version, DateTime CreatedAtUtc, string? CreatedById);

/// <summary>The outcome of saving a template: the new version, or what is wrong beside each field.</summary>
public sealed record SaveTemplateResult(int? Version, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Version is not null;
}

/// <summary>
/// The current template of each message kind and language: the newest saved version, else the
/// built-in default. Every booking composes a message, so the current versions are kept in memory
/// for a short while; a save on this instance is seen at once, a save on another within a minute.
/// </summary>
// One per process: its cache of current templates serves every booking, and a waiting customer's page reaches it (ServiceLifetimeTests).
[SingletonService]
public sealed class MessageTemplateStore(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(NotificationKind, string), (TemplateText Text, DateTimeOffset LoadedAt)> current = new();

    public async Task<TemplateText> CurrentAsync(NotificationKind kind, string language, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (current.TryGetValue((kind, language), out var cached) && now - cached.LoadedAt < CacheFor)
        {
            return cached.Text;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.MessageTemplates.AsNoTracking()
            .Where(t => t.Kind == kind && t.Language == language)
            .OrderByDescending(t => t.Version)
            .FirstOrDefaultAsync(cancellationToken);
        var text = saved is null
            ? DefaultTemplates.For(kind, language)
            : new TemplateText(saved.Subject, saved.HtmlBody, saved.TextBody, saved.Sms) { Id = saved.Id, Version = saved.Version };
        current[(kind, language)] = (text, now);
        return text;
    }

    public async Task<IReadOnlyList<TemplateVersionRow>> VersionsAsync(StaffActor actor, NotificationKind kind, string language, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MessageTemplates.AsNoTracking()
            .Where(t => t.Kind == kind && t.Language == language)
            .OrderByDescending(t => t.Version)
            .Select(t => new TemplateVersionRow(t.Id, t.Version, t.CreatedAtUtc, t.CreatedById))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds <paramref name="draft"/> as the next version, after the version the editor started from.</summary>
    /// <param name="basedOnVersion">The version the editor loaded; a save by someone else since then is refused, not overwritten.</param>
    public async Task<SaveTemplateResult> SaveAsync(
        StaffActor actor, NotificationKind kind, string language, TemplateText draft, int basedOnVersion, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var errors = TemplateRules.Problems(draft);
        if (!DefaultTemplates.IsTemplated(kind) || !MessageLanguage.All.Contains(language))
        {
            errors = [.. errors, FieldError.Of("", "There is no template for this message and language.")];
        }

        if (errors.Count > 0)
        {
            return new SaveTemplateResult(null, errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.MessageTemplates.Add(new MessageTemplate
        {
            Kind = kind, Language = language, Version = basedOnVersion + 1,
            Subject = draft.Subject.Trim(), HtmlBody = draft.HtmlBody, TextBody = draft.TextBody, Sms = draft.Sms.Trim(),
            CreatedAtUtc = time.GetUtcNow().UtcDateTime, CreatedById = actor.Id,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new SaveTemplateResult(null, [FieldError.Of("", "Someone else saved this template meanwhile. Reload it and make your change again.")]);
        }

        current.TryRemove((kind, language), out _);
        return new SaveTemplateResult(basedOnVersion + 1, []);
    }
}
