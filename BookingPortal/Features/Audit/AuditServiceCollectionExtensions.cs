namespace BookingPortal.Features.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log every feature writes staff actions to, in the action's own transaction.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddDeclaredServices(typeof(AuditServiceCollectionExtensions));
}
