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
    /// <summary>What SQLite may allocate in this process, its connections' page caches included, before it reuses pages.</summary>
    internal const long SqliteMemoryLimitBytes = 64L * 1024 * 1024;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        // Where the data is, for the operator who must back it up (for SQLite, the file's full path).
        logger.LogInformation("The portal's data is in {Location}.", DatabaseLocation.Describe(options.Provider, options.ConnectionString));

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

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<BookingDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers (availability pages) proceed while a booking commits.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // Each pooled connection keeps a page cache of its own (up to 2 MB; 1.8 MB each, measured), and the
            // burst of queries as a crowd arrives grows the pool: 25 to 110 connections as 20,000 waiting circuits
            // opened, up to ~200 MB that no collection sees. The limit is the process's, for all connections at
            // once: near it, each reuses its own pages instead of taking more.
            await db.Database.ExecuteSqlRawAsync($"PRAGMA soft_heap_limit={SqliteMemoryLimitBytes};", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        // MigrateAsync also diffs the whole model against the last migration's snapshot on every start (EF 9+), work
        // with nothing to apply to: a tenth of a test portal's start, and the suite starts ~600. MigrationsTests hold
        // each provider's model to its migrations; a database behind the code still migrates (under EF's lock).
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
