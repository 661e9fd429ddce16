using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Data;

public static class Roles
{
    public const string Customer = "Customer";
    public const string Staff = "Staff";
    public const string Admin = "Admin";

    /// <summary>For [Authorize(Roles = ...)]: admins can do everything staff can.</summary>
    public const string StaffOrAdmin = Staff + "," + Admin;

    public static readonly string[] All = [Customer, Staff, Admin];

    /// <summary>
    /// What the signed-in claims say, for what to show (the staff link, the admin scope box); what staff may do
    /// is decided by <see cref="Features.Staff.StaffActors"/> from the database.
    /// </summary>
    public static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Staff) || user.IsInRole(Admin);

    /// <summary>The names of the roles the database holds for a user now (the one query of them).</summary>
    public static IQueryable<string?> HeldBy(BookingDbContext db, string userId) =>
        db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name);

    /// <summary>
    /// Whether taking this person out of the admins (a role removed, the account closed) would leave the portal with
    /// none: nobody could grant a role again, and the next start would print a fresh first-admin link to the logs.
    /// </summary>
    public static async Task<bool> IsLastAdminAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        await users.IsInRoleAsync(user, Admin) && (await users.GetUsersInRoleAsync(Admin)).Count <= 1;

    /// <summary>Whether the database holds the Staff or Admin role for this user now.</summary>
    public static Task<bool> IsStaffAsync(BookingDbContext db, string userId, CancellationToken cancellationToken) =>
        HeldBy(db, userId).AnyAsync(name => name == Staff || name == Admin, cancellationToken);
}
