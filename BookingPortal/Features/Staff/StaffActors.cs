using System.Security.Claims;

namespace BookingPortal.Features.Staff;

/// <summary>
/// Turns the signed-in principal into a <see cref="StaffActor"/> with the roles the database holds at the time
/// of the action, as API keys already do. A cookie or a circuit keeps the role claims it was issued with for
/// up to 30 minutes; a role taken away must stop working on the next action, not when the cookie is next checked.
/// </summary>
/// <remarks>
/// Staff power is what both the sign-in and the database grant. A principal that claims no staff role is
/// answered without a query, so customer pages that ask (may this person see any booking?) cost nothing;
/// a role granted since sign-in arrives with the next cookie, as the [Authorize] on the staff pages needs anyway.
/// Lockout is not checked: it only follows failed password attempts here, and anyone who knows a staff
/// e-mail address could otherwise stop that person's work for 15 minutes.
/// </remarks>
// One instance: it keeps no state.
[SingletonService]
public sealed class StaffActors(IDbContextFactory<BookingDbContext> dbFactory)
{
    public async Task<StaffActor> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var id = PortalClaims.UserId(user) ?? "";
        var claimed = new StaffActor(id, user.Identity?.Name ?? "", user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin), user.IsInRole(Roles.Admin));
        return await ConfirmAsync(claimed, cancellationToken);
    }

    /// <summary>Whether the signed-in person may act as staff right now (see any booking, move or cancel it for a customer).</summary>
    public async Task<bool> IsStaffAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        (await ResolveAsync(user, cancellationToken)).IsStaff;

    /// <summary>
    /// The actor with only the roles the database still holds for them; actions that hand out power (roles,
    /// staff invitations) call this again themselves, whoever built the actor they were given.
    /// </summary>
    public async Task<StaffActor> ConfirmAsync(StaffActor claimed, CancellationToken cancellationToken = default)
    {
        if (!claimed.IsStaff || claimed.Id.Length == 0)
        {
            return StaffActor.Nobody(claimed.Id);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.Users.AsNoTracking().Where(u => u.Id == claimed.Id).Select(u => new { u.UserName }).FirstOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return StaffActor.Nobody(claimed.Id);
        }

        var roles = await Roles.HeldBy(db, claimed.Id).ToListAsync(cancellationToken);
        var isAdmin = claimed.IsAdmin && roles.Contains(Roles.Admin);
        var isStaff = roles.Contains(Roles.Staff) || roles.Contains(Roles.Admin);
        return new StaffActor(claimed.Id, person.UserName ?? claimed.Name, isStaff, isAdmin);
    }
}
