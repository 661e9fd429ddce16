using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Data;

/// <summary>
/// Brings the database to the current migration before the server takes requests, creates the
/// roles, and seeds the demo data when configured. Every step is safe to run again.
/// </summary>
internal sealed class DatabaseInitializer(
    IServiceProvider services,
    DatabaseOptions options,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<BookingDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers (availability pages) proceed while a booking commits.
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.CloseConnectionAsync();
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

        await using var scope = services.CreateAsyncScope();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }

        if (options.SeedDemoData)
        {
            await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(cancellationToken);
            logger.LogInformation("Demo data is present: sign in as {Customer} or {Admin} (passwords in README.md).",
                DemoSeeder.CustomerEmail, DemoSeeder.AdminEmail);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
