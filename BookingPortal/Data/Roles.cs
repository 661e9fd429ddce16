namespace BookingPortal.Data;

public static class Roles
{
    public const string Customer = "Customer";
    public const string Staff = "Staff";
    public const string Admin = "Admin";

    /// <summary>For [Authorize(Roles = ...)]: admins can do everything staff can.</summary>
    public const string StaffOrAdmin = Staff + "," + Admin;

    public static readonly string[] All = [Customer, Staff, Admin];
}
