using BookingPortal.Data;
using BookingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BookingPortal.Features.Queue;

/// <summary>
/// Which opening a customer queues for. Before a release's first opening, and from an hour
/// before each later one (<see cref="LobbyOpensBefore"/>), arrivals join the coming opening and
/// get a random place when it opens; otherwise they join the current one, first come first served.
/// </summary>
public static class ReleaseGate
{
    public static readonly TimeSpan LobbyOpensBefore = TimeSpan.FromHours(1);

    internal static async Task<OpeningTarget?> TargetAsync(BookingDbContext db, Release release, Service service, string? customerId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var zone = service.TimeZone;
        var early = customerId is not null && release.EarlyAccessAudienceId is { } audienceId
                    && await db.AudienceMembers.AnyAsync(m => m.AudienceId == audienceId && m.UserId == customerId, cancellationToken);
        var lead = early ? release.EarlyAccess : TimeSpan.Zero;
        var current = ReleaseSchedule.CurrentOpening(release, zone, nowUtc);
        var next = ReleaseSchedule.NextOpening(release, zone, current ?? nowUtc.AddDays(-8));
        DateTime? chosen = current is { } c && (next is not { } n || nowUtc < n - release.EarlyAccess - LobbyOpensBefore) ? c : next ?? current;
        if (chosen is not { } opensAt)
        {
            return null;
        }

        var opening = await EnsureOpeningAsync(db, release, opensAt, cancellationToken);
        return new OpeningTarget(opening, early, opensAt - lead);
    }

    /// <summary>Creates the opening row on first need; a concurrent creator's row wins the unique index.</summary>
    internal static async Task<ReleaseOpening> EnsureOpeningAsync(BookingDbContext db, Release release, DateTime opensAtUtc, CancellationToken cancellationToken)
    {
        var existing = await db.ReleaseOpenings.AsNoTracking().FirstOrDefaultAsync(o => o.ReleaseId == release.Id && o.OpensAtUtc == opensAtUtc, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var opening = new ReleaseOpening { ReleaseId = release.Id, OpensAtUtc = opensAtUtc, EarlyOpensAtUtc = opensAtUtc - release.EarlyAccess, Seed = QueueFairness.NewSeed() };
        try
        {
            db.ReleaseOpenings.Add(opening);
            await db.SaveChangesAsync(cancellationToken);
            return opening;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.ReleaseOpenings.AsNoTracking().SingleAsync(o => o.ReleaseId == release.Id && o.OpensAtUtc == opensAtUtc, cancellationToken);
        }
    }

    /// <summary>
    /// Inside a booking transaction: a service with a release is booked only on a current admitted
    /// entry, which the booking then uses up (so one admission makes one booking).
    /// </summary>
    public static async Task<BookingError?> ConsumeAdmissionAsync(BookingDbContext db, int serviceId, string customerId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.ServiceId == serviceId, cancellationToken);
        if (release is null)
        {
            return null;
        }

        var entryId = await db.QueueEntries
            .Where(e => e.CustomerId == customerId && e.Status == QueueEntryStatus.Admitted && e.ExpiresAtUtc > nowUtc)
            .Join(db.ReleaseOpenings.Where(o => o.ReleaseId == release.Id), e => e.OpeningId, o => o.Id, (e, o) => (long?)e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (entryId is null)
        {
            return BookingError.NotAdmitted;
        }

        var used = await db.QueueEntries.Where(e => e.Id == entryId && e.Status == QueueEntryStatus.Admitted && e.ExpiresAtUtc > nowUtc)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Completed).SetProperty(x => x.FinishedAtUtc, nowUtc), cancellationToken);
        return used == 1 ? null : BookingError.NotAdmitted;
    }
}
