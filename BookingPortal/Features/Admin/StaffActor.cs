namespace BookingPortal.Features.Admin;

/// <summary>
/// The signed-in person a staff action is done by, as <see cref="StaffActors"/> found them at the time of
/// the action. Every staff service method takes one and checks the role itself, so a page that forgot its
/// [Authorize] still cannot act.
/// </summary>
public sealed record StaffActor(string Id, string Name, bool IsStaff, bool IsAdmin)
{
    /// <summary>Someone with no staff power: signed out, a customer, or an account that no longer exists.</summary>
    public static StaffActor Nobody(string id = "") => new(id, "", IsStaff: false, IsAdmin: false);

    /// <exception cref="UnauthorizedAccessException">The caller is not staff.</exception>
    public StaffActor EnsureStaff() =>
        IsStaff && Id.Length > 0 ? this : throw new UnauthorizedAccessException("This action is for staff only.");

    /// <exception cref="UnauthorizedAccessException">The caller is not an admin.</exception>
    public StaffActor EnsureAdmin() =>
        IsAdmin && Id.Length > 0 ? this : throw new UnauthorizedAccessException("This action is for admins only.");
}
