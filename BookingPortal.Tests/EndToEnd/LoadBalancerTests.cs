using System.Globalization;

namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// The published build as production runs it: two `dotnet BookingPortal.dll` processes
/// (Production settings) on one PostgreSQL database behind nginx with the repository's recipe.
/// A customer books and joins a waiting room through nginx; the instance holding their circuit
/// is killed with SIGKILL; the page comes back through nginx on the other one with both kept.
/// </summary>
[RequiresPostgres]
public partial class LoadBalancerTests(BrowserFixture browser) : EndToEndTest
{
    private const string Password = "Lb#Password2026";
    private const string ScrapeToken = "load-balancer-test-scrape-token";

    [Fact]
    public async Task Behind_nginx_a_customers_booking_and_waiting_room_place_survive_the_SIGKILL_of_the_instance_holding_the_circuit()
    {
        var folder = await PublishedBuild.FolderAsync();
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = connectionString,
            ["Metrics:ScrapeToken"] = ScrapeToken,
        };
        var a = new PortalProcess(settings: settings, publishedFolder: folder);
        var b = new PortalProcess(settings: settings, publishedFolder: folder);
        NginxProcess? nginx = null;
        try
        {
            await a.InitializeAsync();
            var (email, serviceId, releasedServiceId) = await SetSceneAsync(connectionString);
            await b.InitializeAsync();
            nginx = await NginxProcess.StartAsync(a.BaseUri, b.BaseUri);

            var page = await browser.NewPageAsync(portal: null, baseUri: nginx.BaseUri);
            await BrowserFixture.SignInAsync(page, email, Password);
            var confirmation = await BrowserFixture.BookFirstFreeSlotAsync(page, serviceId, a, b);
            await BrowserFixture.OpenInteractiveAsync(page, $"services/{releasedServiceId}/book");
            await page.GetByRole(AriaRole.Button, new() { Name = "Join the waiting room" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=joined-early]")).ToBeVisibleAsync();
            var entry = await QueueEntryIdAsync(connectionString, email);

            // Sticky: every circuit of this browser is on one instance, none on the other.
            var (holder, other) = await CircuitsAsync(a) > 0 ? (a, b) : (b, a);
            (await CircuitsAsync(holder)).Should().BeGreaterThan(0);
            (await CircuitsAsync(other)).Should().Be(0, "nginx pins a browser to one instance");

            await page.EvaluateAsync("() => window.beforeTheCrash = true");
            holder.Kill();

            // The circuit cannot move; the reconnect reaches the survivor through nginx, is rejected there, and the page reloads onto it.
            await page.WaitForFunctionAsync("() => window.beforeTheCrash === undefined", null, new() { Timeout = 60_000 });
            await BrowserFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=joined-early]")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "70-nginx-waiting-room-after-failover");
            (await QueueEntryIdAsync(connectionString, email)).Should().Be(entry, "the place in line is the one taken before the crash");
            (await CircuitsAsync(other)).Should().BeGreaterThan(0, "the survivor serves the page now");

            await page.GotoAsync("my/appointments");
            await Assertions.Expect(page.GetByText(confirmation)).ToBeVisibleAsync();
        }
        catch (Exception) when (Dump(a, b, nginx))
        {
            throw;
        }
        finally
        {
            if (nginx is not null)
            {
                await nginx.DisposeAsync();
            }

            await a.DisposeAsync();
            await b.DisposeAsync();
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>Open circuits as the instance's own /metrics reports them (the scraper's view).</summary>
    private static async Task<long> CircuitsAsync(PortalProcess instance)
    {
        using var http = new HttpClient { BaseAddress = instance.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", ScrapeToken);
        var body = await http.GetStringAsync("metrics");
        return CircuitsLine().Matches(body).Sum(m => long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^bookingportal_circuits_open(\{[^}]*\})? (?<n>\d+)", RegexOptions.Multiline)]
    private static partial Regex CircuitsLine();

    private static bool Dump(PortalProcess a, PortalProcess b, NginxProcess? nginx)
    {
        File.WriteAllText(Path.Combine(BrowserFixture.ScreenshotFolder, "nginx-test.log"), $"A:\n{a.Output}\nB:\n{b.Output}\nnginx:\n{nginx?.ErrorLog}");
        return false;
    }

    private static PostgresBookingDbContext Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<PostgresBookingDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(options, connectionString);
        DesignTimeIdentity.Apply(options);
        return new PostgresBookingDbContext(options.Options);
    }

    private static async Task<long> QueueEntryIdAsync(string connectionString, string email)
    {
        await using var db = Open(connectionString);
        var customer = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.QueueEntries.Where(e => e.CustomerId == customer).Select(e => e.Id).SingleAsync();
    }

    /// <summary>A confirmed customer, a service open every hour, and a second one behind a release opening in an hour (no demo data in Production).</summary>
    private static async Task<(string Email, int ServiceId, int ReleasedServiceId)> SetSceneAsync(string connectionString)
    {
        await using var db = Open(connectionString);
        var email = $"lb-{Guid.NewGuid():N}@test.local";
        db.Users.Add(ConfirmedCustomer.New(email, Password));
        Service Hourly(string name) => new()
        {
            Name = name, DurationMinutes = 60, Price = 0, RequireDeposit = false, DepositAmount = 0, LocationKind = LocationKind.InPerson, Address = "1 Proxy Street",
            TimeZoneId = "Etc/UTC", AvailableDays = DaysOfWeekMask.All, MinAdvanceBookingHours = 0, MaxAdvanceBookingDays = 30, MaxActiveBookingsPerCustomer = 5,
            TimeSlots = Enumerable.Range(0, 23).Select(h => new TimeSlotTemplate { Days = DaysOfWeekMask.All, Start = new TimeOnly(h, 0), End = new TimeOnly(h + 1, 0), Capacity = 5 }).ToList(),
        };

        var open = Hourly("Behind the proxy");
        var released = Hourly("Released behind the proxy");
        db.Services.AddRange(open, released);
        await db.SaveChangesAsync();
        db.Releases.Add(new Release { ServiceId = released.Id, Name = "In an hour", OpensAtUtc = DateTime.UtcNow.AddHours(1) });
        await db.SaveChangesAsync();
        return (email, open.Id, released.Id);
    }
}
