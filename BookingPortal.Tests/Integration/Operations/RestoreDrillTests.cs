using BookingPortal.Tests.EndToEnd;
using Npgsql;

namespace BookingPortal.Tests.Integration.Operations;

/// <summary>
/// tools/restore-drill.sh as an operator runs it, on the published build: the portal serves a
/// customer's bookings, is stopped, the database is dumped, dropped and restored, and the portal
/// started again serves the same bookings.
/// </summary>
[RequiresPostgres]
public class RestoreDrillTests
{
    private const string Password = "Drill#Password2026";

    [Fact]
    public async Task After_dump_drop_and_restore_the_published_portal_serves_the_same_bookings()
    {
        var folder = await PublishedBuild.FolderAsync();
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = connectionString };
        try
        {
            var before = new PortalProcess(settings: settings, publishedFolder: folder);
            await before.InitializeAsync();
            var (email, numbers) = await SeedAsync(connectionString);
            await ShouldServeAsync(before, email, numbers);
            await before.DisposeAsync();
            NpgsqlConnection.ClearAllPools();

            var (exitCode, output) = await RunDrillAsync(connectionString);
            exitCode.Should().Be(0, output);
            output.Should().Contain($"Restore drill passed").And.Contain($"{numbers.Count} bookings");

            var after = new PortalProcess(settings: settings, publishedFolder: folder);
            await after.InitializeAsync();
            try
            {
                await ShouldServeAsync(after, email, numbers);
            }
            finally
            {
                await after.DisposeAsync();
            }
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunDrillAsync(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var drill = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "tools", "restore-drill.sh"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path,
            Environment = { ["PGHOST"] = connection.Host, ["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PGUSER"] = connection.Username },
        };
        drill.ArgumentList.Add(connection.Database!);
        using var process = Process.Start(drill)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
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
