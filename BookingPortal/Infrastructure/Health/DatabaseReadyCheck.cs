using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookingPortal.Infrastructure.Health;

/// <summary>
/// Ready when the database answers and every migration this build knows of has been applied. The probe answers anyone and
/// a load balancer asks every few seconds, each time with a connection of the pool customers book with: once every
/// migration is applied it stays so for this build, so only the connection is tried again; and a database that hangs
/// makes the probe say Unhealthy after <see cref="Timeout"/> rather than hold a connection and a request for half a minute.
/// </summary>
internal sealed class DatabaseReadyCheck(IDbContextFactory<BookingDbContext> dbFactory) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private volatile bool migrated;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.");
        }

        var pending = migrated ? [] : (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        migrated = pending.Count == 0;
        return pending.Count == 0
            ? HealthCheckResult.Healthy("Reachable; every migration applied.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet, first {pending[0]}.");
    }
}
