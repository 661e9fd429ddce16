using Microsoft.AspNetCore.Identity;
using BookingPortal.Features.Staff;
using BookingPortal.Features.Audit;
using BookingPortal.Features.Accounts;

namespace BookingPortal.Features.Admin;

public sealed record PersonRow(string Id, string Email, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Audiences);

public sealed record AudienceRow(int Id, string Name, int Members);

public sealed record PeopleResult(bool Succeeded, string Message, string? Link = null);

/// <summary>Admins invite staff, give and take roles, and put customers in audiences (e.g. VIP early access).</summary>
[ScopedService]
public sealed class PeopleService(
    IDbContextFactory<BookingDbContext> dbFactory, UserManager<ApplicationUser> users, StaffActors staffActors, AuditLog audit, AccountLinks accountLinks, TimeProvider time)
{
    public async Task<IReadOnlyList<PersonRow>> ListAsync(StaffActor actor, string? search, CancellationToken cancellationToken = default)
    {
        actor.EnsureAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            query = query.Where(u => u.Email!.Contains(search.Trim()) || (u.DisplayName != null && u.DisplayName.Contains(search.Trim())));
        }

        var people = await query.OrderBy(u => u.Email).Take(200).Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var roles = (await db.UserRoles.Where(r => ids.Contains(r.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => r.Name!);
        var audiences = (await db.AudienceMembers.Where(m => ids.Contains(m.UserId)).Join(db.Audiences, m => m.AudienceId, a => a.Id, (m, a) => new { m.UserId, a.Name })
            .ToListAsync(cancellationToken)).ToLookup(a => a.UserId, a => a.Name);
        return people.Select(p => new PersonRow(p.Id, p.Email ?? "", p.DisplayName ?? "", roles[p.Id].Order().ToList(), audiences[p.Id].Order().ToList())).ToList();
    }

    /// <summary>
    /// Creates a staff account without a password and returns a one-time link that lets the new
    /// colleague choose one (Identity's reset token: it stops working once used or after a day). The link
    /// starts with the configured portal address, as every mailed link does, not the one the admin's browser
    /// happens to use (a tunnel, an internal address), unless none is configured (NotificationsOptions.PortalBaseUriOr).
    /// </summary>
    public async Task<PeopleResult> InviteStaffAsync(StaffActor actor, string email, string? name, string role, Uri adminPageAddress)
    {
        // Handing out power: only an admin the database still knows as one, whatever the caller's actor says.
        actor = (await staffActors.ConfirmAsync(actor.EnsureAdmin())).EnsureAdmin();
        email = email.Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            return new(false, "Enter a valid e-mail address.");
        }

        // As registering does: Identity's column holds 256, and a longer address failed the save with the error page.
        if (email.Length > 254)
        {
            return new(false, "Keep the e-mail address to 254 characters.");
        }

        if (role is not (Roles.Staff or Roles.Admin))
        {
            return new(false, "Staff can be invited as Staff or Admin.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return new(false, "Someone with that e-mail already has an account: give them the role instead.");
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = string.IsNullOrWhiteSpace(name) ? null : name.Trim() };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return new(false, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        var link = await accountLinks.SendStaffInvitationAsync(user, adminPageAddress);
        await RecordAsync(actor, "person.invited", email, $"As {role}.");
        return new(true, $"{email} is invited as {role}: the invitation is in the outbox. This link in it lets them choose a password; it works once, for a day.", link);
    }

    public async Task<PeopleResult> SetRoleAsync(StaffActor actor, string userId, string role, bool grant)
    {
        // Handing out power: only an admin the database still knows as one, whatever the caller's actor says.
        actor = (await staffActors.ConfirmAsync(actor.EnsureAdmin())).EnsureAdmin();
        var user = await users.FindByIdAsync(userId);
        if (user is null || !Roles.All.Contains(role))
        {
            return new(false, "No such person or role.");
        }

        if (!grant && role == Roles.Admin && (userId == actor.Id || await Roles.IsLastAdminAsync(users, user)))
        {
            return new(false, userId == actor.Id ? "You cannot take away your own admin role." : "The last admin keeps the role.");
        }

        var result = grant ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (!result.Succeeded)
        {
            return new(false, string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        // Signed-in sessions pick the new role up at their next security-stamp check.
        await users.UpdateSecurityStampAsync(user);
        await RecordAsync(actor, grant ? "person.role_granted" : "person.role_removed", user.Email ?? userId, role);
        return new(true, $"{user.Email} {(grant ? "now has" : "no longer has")} the {role} role.");
    }

    public async Task<IReadOnlyList<AudienceRow>> ListAudiencesAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Audiences.OrderBy(a => a.Name)
            .Select(a => new AudienceRow(a.Id, a.Name, db.AudienceMembers.Count(m => m.AudienceId == a.Id))).ToListAsync(cancellationToken);
    }

    public async Task<PeopleResult> CreateAudienceAsync(StaffActor actor, string name, CancellationToken cancellationToken = default)
    {
        actor.EnsureAdmin();
        name = name.Trim();
        if (name.Length is 0 or > 64)
        {
            return new(false, "Give the audience a name of up to 64 characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Audiences.AnyAsync(a => a.Name == name, cancellationToken))
        {
            return new(false, $"There is already an audience called {name}.");
        }

        db.Audiences.Add(new Audience { Name = name });
        audit.Record(db, actor, "audience.created", name);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            // Two admins (or one double click) creating one name at once both pass the check above; the unique index
            // refuses the second, which reads as the same refusal, not the error page.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await again.Audiences.AnyAsync(a => a.Name == name, cancellationToken))
            {
                return new(false, $"There is already an audience called {name}.");
            }

            throw;
        }

        return new(true, $"Audience {name} is created.");
    }

    public async Task<PeopleResult> SetAudienceMemberAsync(StaffActor actor, int audienceId, string email, bool member, CancellationToken cancellationToken = default)
    {
        actor.EnsureAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var audience = await db.Audiences.FirstOrDefaultAsync(a => a.Id == audienceId, cancellationToken);
        var normalized = email.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        if (audience is null || userId is null)
        {
            return new(false, "No customer has that e-mail address.");
        }

        var existing = await db.AudienceMembers.FirstOrDefaultAsync(m => m.AudienceId == audienceId && m.UserId == userId, cancellationToken);
        if (member && existing is null)
        {
            db.AudienceMembers.Add(new AudienceMember { AudienceId = audienceId, UserId = userId, AddedAtUtc = time.GetUtcNow().UtcDateTime });
        }
        else if (!member && existing is not null)
        {
            db.AudienceMembers.Remove(existing);
        }
        else
        {
            return new(true, member ? $"{email} is already in {audience.Name}." : $"{email} was not in {audience.Name}.");
        }

        audit.Record(db, actor, member ? "audience.member_added" : "audience.member_removed", email.Trim(), audience.Name);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, member ? $"{email} is now in {audience.Name}." : $"{email} is no longer in {audience.Name}.");
    }

    private async Task RecordAsync(StaffActor actor, string action, string subject, string details)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        audit.Record(db, actor, action, subject, details);
        await db.SaveChangesAsync();
    }
}
