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

        foreach (var role in Roles.All)
        {
            await EnsureRoleAsync(services, role);
        }

        await using var scope = services.CreateAsyncScope();
        if (options.SeedDemoData)
        {
            await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(cancellationToken);
            logger.LogInformation("Demo data is present: sign in as {Customer} or {Admin} (passwords in README.md).",
                DemoSeeder.CustomerEmail, DemoSeeder.AdminEmail);
        }
    }

    /// <summary>
    /// Two instances starting together on a new database both find a role missing and both create it: the second insert
    /// breaks the unique role name, and that instance failed to start. The role being there is all either needs.
    /// </summary>
    internal static async Task EnsureRoleAsync(IServiceProvider services, string role)
    {
        // A scope of its own: the context keeps a failed insert tracked, and the next save through it would try it again.
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (await roles.RoleExistsAsync(role))
        {
            return;
        }

        try
        {
            var created = await roles.CreateAsync(new IdentityRole(role));
            if (!created.Succeeded && !await roles.RoleExistsAsync(role))
            {
                throw new InvalidOperationException($"The role {role} could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
        }
        catch (DbUpdateException)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                throw;
            }
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
