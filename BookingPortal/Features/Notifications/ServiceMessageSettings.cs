using BookingPortal.Features.Audit;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Notifications;

/// <summary>What a service's messages do: its reminders (when, by which channels) and its privacy mode.</summary>
public sealed record MessageSettings(IReadOnlyList<ReminderStep> Reminders, bool PrivacyMode);

/// <summary>Staff read and change a service's <see cref="MessageSettings"/>; the change is audited.</summary>
[ScopedService]
public sealed class ServiceMessageSettings(IDbContextFactory<BookingDbContext> dbFactory, AuditLog audit)
{
    public async Task<MessageSettings?> GetAsync(StaffActor actor, int serviceId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var privacy = await db.Services.Where(s => s.Id == serviceId).Select(s => (bool?)s.PrivacyMode).SingleOrDefaultAsync(cancellationToken);
        if (privacy is null)
        {
            return null;
        }

        var rows = await db.ServiceReminders.AsNoTracking().Where(r => r.ServiceId == serviceId).ToListAsync(cancellationToken);
        return new MessageSettings(ReminderPlan.Of(rows), privacy.Value);
    }

    /// <returns>Null when saved; otherwise why not (English text, also the key of its translation).</returns>
    public async Task<string?> SaveAsync(StaffActor actor, int serviceId, MessageSettings settings, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        if (ReminderPlan.Problem(settings.Reminders) is { } problem)
        {
            return problem;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var name = await db.Services.Where(s => s.Id == serviceId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return "The service no longer exists.";
        }

        await db.Services.Where(s => s.Id == serviceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.PrivacyMode, settings.PrivacyMode), cancellationToken);
        await db.ServiceReminders.Where(r => r.ServiceId == serviceId).ExecuteDeleteAsync(cancellationToken);
        db.ServiceReminders.AddRange(ReminderPlan.Rows(serviceId, settings.Reminders));
        var plan = settings.Reminders.Count == 0 ? "none" : string.Join(", ", settings.Reminders.Select(s => $"{s.MinutesBefore} min by {s.Channels}"));
        await audit.RecordStaffActionAsync(db, actor.Id, "service.messages_changed", name, $"Reminders: {plan}. Privacy mode: {(settings.PrivacyMode ? "on" : "off")}.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
