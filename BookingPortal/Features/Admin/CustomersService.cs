using BookingPortal.Features.Staff;
using BookingPortal.Features.Audit;

namespace BookingPortal.Features.Admin;

public sealed record CustomerRow(string Id, string Name, string Email, string? Phone, int Bookings, int Upcoming, int NoShows, int? NoShowLimit)
{
    public bool NeedsStaffHelp => NoShowLimit is { } limit && NoShows >= limit;
}

public sealed record CustomerPage(IReadOnlyList<CustomerRow> Rows, int Total);

/// <summary>Customers as staff see them: their bookings, their no-shows, and the limit after which they book only with staff help.</summary>
[ScopedService]
public sealed class CustomersService(IDbContextFactory<BookingDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const int MaxNoShowLimit = 100;

    public async Task<CustomerPage> ListAsync(StaffActor actor, string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Everyone who is not staff: accounts made before roles existed, or by an import, are customers too.
        var staffRoleIds = await db.Roles.Where(r => r.Name == Roles.Staff || r.Name == Roles.Admin).Select(r => r.Id).ToListAsync(cancellationToken);
        var users = db.Users.AsNoTracking().Where(u => !db.UserRoles.Any(r => r.UserId == u.Id && staffRoleIds.Contains(r.RoleId)));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            users = users.Where(u => u.Email!.Contains(term) || (u.DisplayName != null && u.DisplayName.Contains(term)) || (u.PhoneNumber != null && u.PhoneNumber.Contains(term)));
        }

        var total = await users.CountAsync(cancellationToken);
        var rows = await users.OrderBy(u => u.Email)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(u => new CustomerRow(
                u.Id, u.DisplayName ?? u.Email ?? "", u.Email ?? "", u.PhoneNumber,
                db.Bookings.Count(b => b.CustomerId == u.Id),
                db.Bookings.Count(b => b.CustomerId == u.Id && b.StartUtc > nowUtc && Domain.Booking.ActiveStatuses.Contains(b.Status)),
                u.NoShowCount, u.NoShowLimit))
            .ToListAsync(cancellationToken);
        return new CustomerPage(rows, total);
    }

    /// <summary>Null removes the limit. Refused (false) outside 1–<see cref="MaxNoShowLimit"/>.</summary>
    public async Task<bool> SetNoShowLimitAsync(StaffActor actor, string customerId, int? limit, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        if (limit is < 1 or > MaxNoShowLimit)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var email = await db.Users.Where(u => u.Id == customerId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        if (email is null)
        {
            return false;
        }

        await db.Users.Where(u => u.Id == customerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.NoShowLimit, limit), cancellationToken);
        audit.Record(db, actor, "customer.no_show_limit_set", email, limit is null ? "No limit." : $"Books with staff help after {limit} no-show(s).");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
