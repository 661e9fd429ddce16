namespace BookingPortal.Tests.TestSupport;

/// <summary>The address of the page an admin acts from in tests: invitation links start with it while the portal address is the loopback default.</summary>
public static class StaffPageAddress
{
    public static readonly Uri Value = new("https://desk.clinic.internal/");
}
