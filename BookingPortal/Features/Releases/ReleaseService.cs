using BookingPortal.Features.Staff;
using BookingPortal.Features.Audit;
using BookingPortal.Features.Queue;
using BookingPortal.Features.Admin;
using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Releases;

public sealed record QueueMonitor(int? ReleaseId, bool Paused, DateTime? NextOpeningUtc, DateTime? CurrentOpeningUtc, int Waiting, int AdmittedNow, int AdmittedLastMinute, int Completed);

/// <summary>Staff set a service's release (when it opens and how the waiting room admits) and watch its queue.</summary>
[ScopedService]
public sealed class ReleaseService(IDbContextFactory<BookingDbContext> dbFactory, ReleaseScheduler scheduler, AuditLog audit, TimeProvider time) : IFollowServiceZone
{
    public async Task<Release?> GetAsync(StaffActor actor, int serviceId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.ServiceId == serviceId, cancellationToken);
    }

    public static IReadOnlyList<FieldError> Validate(Release release, DateTime nowUtc)
    {
        var errors = new List<FieldError>();
        void Check(bool ok, string field, string key)
        {
            if (!ok)
            {
                errors.Add(FieldError.Of(field, key));
            }
        }

        Check(!string.IsNullOrWhiteSpace(release.Name) && release.Name.Length <= 100, nameof(Release.Name), "Give the release a name of up to 100 characters.");
        Check(release.IsRecurring || release.OpensAtUtc is not null, nameof(Release.OpensAtUtc), "Choose when it opens: a date and time, or weekdays for a weekly release.");
        Check(release.IsRecurring || release.OpensAtUtc is null || release.OpensAtUtc > nowUtc || release.Id != 0, nameof(Release.OpensAtUtc), "A new one-off opening must be in the future.");
        Check(release.AdmissionWindowSeconds is >= 30 and <= 3600, nameof(Release.AdmissionWindowSeconds), "The time to book must be between 30 seconds and an hour.");
        Check(release.MaxConcurrentAdmissions is >= 1 and <= 10_000, nameof(Release.MaxConcurrentAdmissions), "Admit between 1 and 10,000 people at a time.");
        Check(release.AdmissionRatePerMinute is >= 1 and <= 10_000, nameof(Release.AdmissionRatePerMinute), "Admit between 1 and 10,000 people a minute.");
        Check(release.EarlyAccessMinutes is >= 0 and <= 24 * 60, nameof(Release.EarlyAccessMinutes), "Early access can start up to 24 hours before.");
        Check(release.SlotsFrom is null || release.SlotsUntil is null || release.SlotsFrom <= release.SlotsUntil, nameof(Release.SlotsUntil), "The last date must be on or after the first date.");
        Check(release.EarlyAccessAudienceId is not null || release.EarlyAccessMinutes == 0, nameof(Release.EarlyAccessAudienceId), "Choose the audience that gets early access.");
        return errors;
    }

    public async Task<IReadOnlyList<FieldError>> SaveAsync(StaffActor actor, int serviceId, Release draft, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var errors = Validate(draft, nowUtc);
        if (errors.Count > 0)
        {
            return errors;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
        if (service is null)
        {
            return [FieldError.Of(nameof(Release.Name), "That service no longer exists.")];
        }

        var release = await db.Releases.FirstOrDefaultAsync(r => r.ServiceId == serviceId, cancellationToken);
        // An opening already past may stay as it was (its other settings edited), not be moved into the past: the
        // scheduler drops a past one-off trigger, so the release would silently never open while the page said "scheduled".
        if (!draft.IsRecurring && draft.OpensAtUtc is { } opensAt && opensAt <= nowUtc && release?.OpensAtUtc != opensAt)
        {
            return [FieldError.Of(nameof(Release.OpensAtUtc), "That time has passed: choose when it opens in the future.")];
        }

        release ??= db.Releases.Add(new Release { Name = draft.Name, ServiceId = serviceId }).Entity;
        CopySettings(draft, release);
        if (await ReleaseGate.FollowScheduleAsync(db, release, service.TimeZone, nowUtc, cancellationToken) is { } waitedFor)
        {
            return [WaitedForError(release, service, waitedFor)];
        }

        audit.Record(db, actor, "release.saved", $"service {serviceId}", release.IsRecurring ? $"Weekly: {ReleaseSchedule.Cron(release)} {service.TimeZoneId}" : $"Once: {release.OpensAtUtc:o}");
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.ScheduleAsync(release, service.TimeZone, time.GetUtcNow(), cancellationToken);
        return [];
    }

    private static FieldError WaitedForError(Release release, Service service, DateTime waitedForUtc) =>
        FieldError.Of(release.IsRecurring ? nameof(Release.RecurringLocalTime) : nameof(Release.OpensAtUtc),
            "People are waiting for the opening at {0}; move it to a time still ahead.", DisplayFormat.Time(ZoneText.InZone(waitedForUtc, service.TimeZoneId)));

    private static void CopySettings(Release draft, Release release)
    {
        (release.Name, release.OpensAtUtc, release.RecurringDays, release.RecurringLocalTime) = (draft.Name.Trim(), draft.IsRecurring ? null : draft.OpensAtUtc, draft.RecurringDays, draft.RecurringLocalTime);
        (release.EarlyAccessAudienceId, release.EarlyAccessMinutes) = (draft.EarlyAccessAudienceId, draft.EarlyAccessAudienceId is null ? 0 : draft.EarlyAccessMinutes);
        (release.AdmissionWindowSeconds, release.MaxConcurrentAdmissions, release.AdmissionRatePerMinute) = (draft.AdmissionWindowSeconds, draft.MaxConcurrentAdmissions, draft.AdmissionRatePerMinute);
        (release.RequireAuthentication, release.ShowRemainingSlots, release.RequireProofOfWork) = (draft.RequireAuthentication, draft.ShowRemainingSlots, draft.RequireProofOfWork);
        (release.SlotsFrom, release.SlotsUntil) = (draft.SlotsFrom, draft.SlotsUntil);
    }

    /// <summary>
    /// The service's time zone changed: a weekly release keeps its wall time in the new zone, so its trigger, and any
    /// opening people already wait for, follow as they do when the release itself is saved.
    /// </summary>
    public async Task ServiceZoneChangedAsync(int serviceId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var release = await db.Releases.FirstOrDefaultAsync(r => r.ServiceId == serviceId, cancellationToken);
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
        if (release is null || service is null)
        {
            return;
        }

        await ReleaseGate.FollowScheduleAsync(db, release, service.TimeZone, time.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.ScheduleAsync(release, service.TimeZone, time.GetUtcNow(), cancellationToken);
    }

    public async Task<bool> SetPausedAsync(StaffActor actor, int serviceId, bool paused, CancellationToken cancellationToken = default) =>
        await audit.ChangeAndRecordAsync(
            actor.EnsureStaff(),
            db => db.Releases.Where(r => r.ServiceId == serviceId && r.AdmissionPaused != paused)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.AdmissionPaused, paused), cancellationToken),
            paused ? "release.admission_paused" : "release.admission_resumed", $"service {serviceId}", cancellationToken);

    public async Task<QueueMonitor> MonitorAsync(StaffActor actor, int serviceId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.ServiceId == serviceId, cancellationToken);
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
        if (release is null || service is null)
        {
            return new QueueMonitor(null, false, null, null, 0, 0, 0, 0);
        }

        var current = ReleaseSchedule.CurrentOpening(release, service.TimeZone, nowUtc);
        var next = ReleaseSchedule.NextOpening(release, service.TimeZone, nowUtc);
        // The line customers join now; an earlier opening's leftovers (a visitor who never signed in) are not in it.
        var joining = await ReleaseGate.OpeningToJoinAsync(db, release, service.TimeZone, nowUtc, cancellationToken);
        var entries = db.QueueEntries.Where(e => db.ReleaseOpenings.Any(o => o.Id == e.OpeningId && o.ReleaseId == release.Id && o.OpensAtUtc == joining));
        var minuteAgo = nowUtc.AddMinutes(-1);
        return new QueueMonitor(release.Id, release.AdmissionPaused, next, current,
            await entries.CountAsync(e => e.Status == QueueEntryStatus.Waiting, cancellationToken),
            await entries.CountAsync(e => e.Status == QueueEntryStatus.Admitted && e.ExpiresAtUtc > nowUtc, cancellationToken),
            await entries.CountAsync(e => e.AdmittedAtUtc > minuteAgo, cancellationToken),
            await entries.CountAsync(e => e.Status == QueueEntryStatus.Completed, cancellationToken));
    }
}
