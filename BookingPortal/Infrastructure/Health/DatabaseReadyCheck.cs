using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookingPortal.Infrastructure.Health;

/// <summary>Ready when the database answers and every migration this build knows of has been applied.</summary>
internal sealed class DatabaseReadyCheck(IDbContextFactory<BookingDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("Reachable; every migration applied.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet, first {pending[0]}.");
    }
}
