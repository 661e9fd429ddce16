using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>Who changed what and when. Entries are added to the action's DbContext, so they commit with it or not at all.</summary>
// A singleton: stateless, and the booking services a waiting customer's page holds write to it.
[SingletonService]
public sealed class AuditLog(IDbContextFactory<BookingDbContext> dbFactory, TimeProvider time)
{
    public void Record(BookingDbContext db, StaffActor actor, string action, string subject, string details = "") =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            Subject = subject,
            Details = details.Length > 4000 ? details[..4000] : details,
        });

    /// <summary>
    /// A staff change made by one conditional update and recorded with it, in one transaction: the entry is
    /// written only when the update changed a row, so a repeated or raced click leaves one entry.
    /// </summary>
    /// <returns>Whether the update changed a row.</returns>
    public async Task<bool> ChangeAndRecordAsync(
        StaffActor actor, Func<BookingDbContext, Task<int>> update, string action, string subject, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await update(db) == 1;
        if (changed)
        {
            Record(db, actor, action, subject);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>For features that only know the acting user's id (a staff cancellation): the name is looked up in the same context.</summary>
    public async Task RecordStaffActionAsync(BookingDbContext db, string staffId, string action, string subject, string details, CancellationToken cancellationToken)
    {
        var name = await db.Users.Where(u => u.Id == staffId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) ?? staffId;
        Record(db, new StaffActor(staffId, name, IsStaff: true, IsAdmin: false), action, subject, details);
    }

    /// <summary>For admins, as its page is; newest first; <paramref name="search"/> matches the subject, the action or the actor.</summary>
    public async Task<AuditPage> ListAsync(StaffActor actor, string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        actor.EnsureAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(a => a.Subject.Contains(term) || a.Action.Contains(term) || a.ActorName.Contains(term));
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(a => a.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return new AuditPage(entries, total);
    }
}
