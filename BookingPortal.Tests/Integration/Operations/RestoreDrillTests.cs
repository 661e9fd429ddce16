using BookingPortal.Tests.EndToEnd;
using Npgsql;

namespace BookingPortal.Tests.Integration.Operations;

/// <summary>
/// tools/restore-drill.sh as an operator runs it (as postgres), on the published build running as the
/// role that owns its database and is no superuser, as in deploy/systemd: the drill runs while the portal
/// serves a customer's bookings, checks a restored copy, and leaves the live database as it was.
/// </summary>
[RequiresPostgres]
public class RestoreDrillTests
{
    private const string Password = "Drill#Password2026";

    [Fact]
    public async Task The_drill_restores_a_copy_owned_by_the_portals_role_and_leaves_the_live_database_serving()
    {
        var folder = await PublishedBuild.FolderAsync();
        var role = $"drill_app_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(TestPostgres.NewDatabase()) { Username = role }.ToString();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await AdminAsync($"CREATE ROLE \"{role}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE", $"CREATE DATABASE \"{database}\" OWNER \"{role}\"");
        var settings = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = connectionString };
        var portal = new PortalProcess(settings: settings, publishedFolder: folder);
        try
        {
            await portal.InitializeAsync();
            var (email, numbers) = await SeedAsync(connectionString);
            await ShouldServeAsync(portal, email, numbers);
            var live = await AdminAsync($"SELECT oid::text FROM pg_database WHERE datname = '{database}'");

            var (exitCode, output) = await RunDrillAsync(connectionString);

            exitCode.Should().Be(0, output);
            (await AdminAsync($"SELECT oid::text FROM pg_database WHERE datname = '{database}'")).Should().Be(live, "the drill must not drop or replace the live database");
            output.Should().Contain("Restore drill passed").And.Contain($"{numbers.Count} bookings").And.Contain($"every table owned by {role}");
            (await AdminAsync($"SELECT count(*)::text FROM pg_database WHERE datname = '{database}_drill'")).Should().Be("0", "the drill drops its scratch copy");
            await ShouldServeAsync(portal, email, numbers);
        }
        finally
        {
            await portal.DisposeAsync();
            await TestPostgres.DropDatabaseAsync(connectionString);
            await AdminAsync($"DROP DATABASE IF EXISTS \"{database}_drill\" WITH (FORCE)", $"DROP ROLE IF EXISTS \"{role}\"");
        }
    }

    /// <summary>Runs each statement as the cluster's superuser; returns what the last one answered.</summary>
    private static async Task<string?> AdminAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await connection.OpenAsync();
        object? answer = null;
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            answer = await command.ExecuteScalarAsync();
        }

        return answer as string;
    }

    /// <summary>The drill as the README runs it: as the cluster's superuser, naming the live database.</summary>
    private static async Task<(int ExitCode, string Output)> RunDrillAsync(string connectionString)
    {
        var live = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = live.Host!, ["PGPORT"] = live.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString).Username!,
        };
        var run = await ToolScript.RunAsync("restore-drill.sh", environment, live.Database!);
        return (run.ExitCode, run.Output + run.Errors);
    }

    /// <summary>Signs in as the customer on the portal and finds every booking number on their appointments page.</summary>
    private static async Task ShouldServeAsync(PortalProcess portal, string email, IReadOnlyList<string> numbers)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = portal.BaseUri };
        var signIn = await client.SubmitFormAsync("Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.RememberMe"] = "false" });
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the customer's account came back with the database");
        var page = await client.GetStringAsync("my/appointments");
        foreach (var number in numbers)
        {
            page.Should().Contain(number);
        }
    }

    /// <summary>A customer with three confirmed bookings in the coming days (no demo data in Production).</summary>
    private static async Task<(string Email, IReadOnlyList<string> Numbers)> SeedAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<PostgresBookingDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(options, connectionString);
        DesignTimeIdentity.Apply(options);
        await using var db = new PostgresBookingDbContext(options.Options);
        var email = $"drill-{Guid.NewGuid():N}@test.local";
        var customer = ConfirmedCustomer.New(email, Password);
        var service = new Service
        {
            Name = "Restored service", DurationMinutes = 60, Price = 0, RequireDeposit = false, DepositAmount = 0, LocationKind = LocationKind.InPerson, Address = "1 Backup Lane",
            TimeZoneId = "Etc/UTC", AvailableDays = DaysOfWeekMask.All, MinAdvanceBookingHours = 0, MaxAdvanceBookingDays = 30, MaxActiveBookingsPerCustomer = 5,
        };
        db.Users.Add(customer);
        db.Services.Add(service);
        await db.SaveChangesAsync();
        var inventories = Enumerable.Range(1, 3).Select(day => DateTime.UtcNow.Date.AddDays(day).AddHours(10))
            .Select(start => new SlotInventory { ServiceId = service.Id, StartUtc = start, EndUtc = start.AddHours(1), Capacity = 1, Booked = 1 }).ToList();
        db.SlotInventories.AddRange(inventories);
        await db.SaveChangesAsync();
        var bookings = inventories.Select(slot => new Booking
        {
            Id = Guid.CreateVersion7(), ConfirmationNumber = ConfirmationNumber.New(), CustomerId = customer.Id, ServiceId = service.Id, SlotInventoryId = slot.Id,
            StartUtc = slot.StartUtc, EndUtc = slot.EndUtc, Status = BookingStatus.Confirmed, CreatedAtUtc = DateTime.UtcNow, ConfirmedAtUtc = DateTime.UtcNow,
            Price = 0, DepositAmount = 0, Currency = "USD", IdempotencyKey = Guid.NewGuid().ToString(),
        }).ToList();
        db.Bookings.AddRange(bookings);
        await db.SaveChangesAsync();
        return (email, bookings.Select(b => b.ConfirmationNumber).ToList());
    }
}
