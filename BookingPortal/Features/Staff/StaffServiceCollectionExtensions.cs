namespace BookingPortal.Features.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>Who a staff action is done by, with the roles the database holds now.</summary>
    public static IServiceCollection AddStaff(this IServiceCollection services) =>
        services.AddDeclaredServices(typeof(StaffServiceCollectionExtensions));
}
