namespace BookingPortal.Features.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log every feature writes staff actions to, in the action's own transaction.</summary>
    /// <remarks>A singleton: stateless, and the booking services a waiting customer's page holds write to it.</remarks>
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddSingleton<AuditLog>();
}
