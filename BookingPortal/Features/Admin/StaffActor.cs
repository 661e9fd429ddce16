using System.Security.Claims;
using BookingPortal.Data;

namespace BookingPortal.Features.Admin;

/// <summary>
/// The signed-in person a staff action is done by. Every staff service method takes one and
/// checks the role itself, so a page that forgot its [Authorize] still cannot act.
/// </summary>
public sealed record StaffActor(string Id, string Name, bool IsStaff, bool IsAdmin)
{
    public static StaffActor From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        user.Identity?.Name ?? "",
        user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin),
        user.IsInRole(Roles.Admin));

    /// <exception cref="UnauthorizedAccessException">The caller is not staff.</exception>
    public StaffActor EnsureStaff() =>
        IsStaff && Id.Length > 0 ? this : throw new UnauthorizedAccessException("This action is for staff only.");

    /// <exception cref="UnauthorizedAccessException">The caller is not an admin.</exception>
    public StaffActor EnsureAdmin() =>
        IsAdmin && Id.Length > 0 ? this : throw new UnauthorizedAccessException("This action is for admins only.");
}
