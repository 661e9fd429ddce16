using BookingPortal.Tests.EndToEnd;
using BookingPortal.Infrastructure.Jobs;
using Npgsql;
using Quartz;

namespace BookingPortal.Tests.Integration.Instances;

/// <summary>A PostgreSQL database of its own and two portal processes on it, started one after the other (the first one migrates and seeds).</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public const int SeatsPerSlot = 5;
    private const int AdmissionsPerMinute = 30;
    private const string Password = "Test#Password2026";
    private string connectionString = null!;
    private DateTime nextSlot;

    public PortalProcess A { get; private set; } = null!;

    public PortalProcess B { get; private set; } = null!;

    public int ServiceId { get; private set; }

    public int ReleasedServiceId { get; private set; }

    public int ReleaseId { get; private set; }

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync();
        A = new PortalProcess(settings: Settings);
        var starting = Stopwatch.StartNew();
        await A.InitializeAsync();
        await SetUpServicesAsync(OpeningLead(starting.Elapsed));
        B = await StartSchedulingInstanceAsync();
    }

    private Dictionary<string, string> Settings => new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = connectionString };

    /// <summary>
    /// B schedules the one-off release when it starts, and only an opening still ahead. Waiting out the lead is most of
    /// the second test, so it is kept short: a start as long as A's (which migrates and seeds, B does neither) and a
    /// margin. A B slower than that (a busy machine: at load average 20 one took over 45 s) did not schedule the opening;
    /// it is started again, with the opening moved ahead by as much as that slow start and the margin.
    /// </summary>
    private async Task<PortalProcess> StartSchedulingInstanceAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var instance = new PortalProcess(settings: Settings);
            var starting = Stopwatch.StartNew();
            await instance.InitializeAsync();
            // Logged before the server listens; the output is read on another thread, hence the short wait for the line.
            var scheduled = await Poll.UntilAsync(() => Task.FromResult(instance.Output.Contains($"Release {ReleaseId} scheduled", StringComparison.Ordinal)), TimeSpan.FromSeconds(5));
            if (scheduled || attempt == 3)
            {
                return instance;
            }

            await instance.DisposeAsync();
            await using var db = OpenDatabase();
            DateTime? opensAt = DateTime.UtcNow.Add(OpeningLead(starting.Elapsed));
            await db.Releases.Where(r => r.Id == ReleaseId).ExecuteUpdateAsync(set => set.SetProperty(r => r.OpensAtUtc, opensAt));
        }
    }

    private static TimeSpan OpeningLead(TimeSpan startUp) => TimeSpan.FromSeconds(Math.Max(20, 10 + startUp.TotalSeconds));

    public PortalProcess Other(PortalProcess instance) => instance == A ? B : A;

    public BookingDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<PostgresBookingDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(options, connectionString);
        DesignTimeIdentity.Apply(options);
        return new PostgresBookingDbContext(options.Options);
    }

    /// <summary>A fresh hour slot (the test services open every hour of every day, in UTC, from two days ahead).</summary>
    public DateTime NextSlot()
    {
        nextSlot = nextSlot.AddHours(2);
        return nextSlot;
    }

    /// <summary>Customers who sign in with <see cref="Password"/> (one hash computed once: hashing hundreds would only slow the test).</summary>
    public async Task<IReadOnlyList<string>> CreateCustomersAsync(int count)
    {
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(null!, Password);
        await using var db = OpenDatabase();
        var users = Enumerable.Range(0, count).Select(_ => ConfirmedCustomer.WithPasswordHash($"two-{Guid.NewGuid():N}@test.local", hash)).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return users.Select(u => u.Email!).ToList();
    }

    /// <summary>
    /// Signs in on <paramref name="signInOn"/> (instance A unless told), takes the antiforgery token from a page
    /// of it, and posts the booking form to <paramref name="target"/> with that instance's cookie.
    /// </summary>
    public async Task<HttpResponseMessage> PostBookingAsync(string email, PortalProcess target, int serviceId, DateTime slotStartUtc, PortalProcess? signInOn = null)
    {
        var issuer = signInOn ?? A;
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = issuer.BaseUri };
        var signIn = await client.SubmitFormAsync("Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.RememberMe"] = "false" });
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the password is right");
        foreach (System.Net.Cookie cookie in cookies.GetCookies(issuer.BaseUri))
        {
            cookies.Add(target.BaseUri, new System.Net.Cookie(cookie.Name, cookie.Value, "/", target.BaseUri.Host));
        }

        var page = await client.GetStringAsync("");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"(?<v>[^\"]+)\"").Groups["v"].Value;
        token.Should().NotBeEmpty("a signed-in page carries the sign-out form and its token");
        return await client.PostAsync(new Uri(target.BaseUri, "bookings"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["serviceId"] = serviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["slotStartUtc"] = slotStartUtc.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            ["idempotencyKey"] = Guid.NewGuid().ToString(),
        }));
    }

    public async Task<long> WaitForOpeningAsync(TimeSpan patience)
    {
        long opening = 0;
        await WaitUntilAsync(async db =>
        {
            opening = await db.ReleaseOpenings.Where(o => o.ReleaseId == ReleaseId).Select(o => o.Id).FirstOrDefaultAsync();
            return opening != 0;
        }, patience);
        return opening;
    }

    /// <summary>What joining does (one waiting entry per customer); the admission ticks of the cluster take it from there.</summary>
    public async Task JoinQueueAsync(long openingId, IEnumerable<string> emails)
    {
        await using var db = OpenDatabase();
        foreach (var id in await db.Users.Where(u => emails.Contains(u.Email!)).Select(u => u.Id).ToListAsync())
        {
            db.QueueEntries.Add(new QueueEntry { OpeningId = openingId, CustomerId = id, JoinedAtUtc = DateTime.UtcNow, Status = QueueEntryStatus.Waiting });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Confirmed bookings (inserted as if made two days ago) starting within 24 hours, so the next reminder run queues their day-before reminder.</summary>
    public async Task<List<Guid>> CreateRemindableBookingsAsync(int count)
    {
        var customers = await CreateCustomersAsync(count);
        await using var db = OpenDatabase();
        var ids = await db.Users.Where(u => customers.Contains(u.Email!)).Select(u => u.Id).ToListAsync();
        var start = DateTime.UtcNow.AddHours(20);
        var inventory = new SlotInventory { ServiceId = ServiceId, StartUtc = start, EndUtc = start.AddHours(1), Capacity = count, Booked = count };
        db.SlotInventories.Add(inventory);
        await db.SaveChangesAsync();
        var bookings = ids.Select(customer => new Booking
        {
            Id = Guid.CreateVersion7(), ConfirmationNumber = ConfirmationNumber.New(), CustomerId = customer, ServiceId = ServiceId, SlotInventoryId = inventory.Id,
            StartUtc = start, EndUtc = start.AddHours(1), Status = BookingStatus.Confirmed, CreatedAtUtc = DateTime.UtcNow.AddDays(-2), ConfirmedAtUtc = DateTime.UtcNow.AddDays(-2),
            Price = 0, DepositAmount = 0, Currency = "USD", IdempotencyKey = Guid.NewGuid().ToString(),
        }).ToList();
        db.Bookings.AddRange(bookings);
        await db.SaveChangesAsync();
        return bookings.Select(b => b.Id).ToList();
    }

    /// <summary>
    /// Waits until some instance is executing the job (Quartz's fired-trigger row names the node)
    /// and <paramref name="progressCountSql"/> counts some of its work done, and returns that instance.
    /// </summary>
    public async Task<PortalProcess> WaitForInstanceRunningAsync(string jobName, string progressCountSql, TimeSpan patience)
    {
        var ids = new Dictionary<string, PortalProcess> { [await SchedulerIdAsync(A)] = A, [await SchedulerIdAsync(B)] = B };
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (watch.Elapsed < patience)
        {
            await using var query = new NpgsqlCommand("SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = @job AND state = 'EXECUTING' LIMIT 1", connection);
            query.Parameters.AddWithValue("job", jobName);
            await using var progress = new NpgsqlCommand(progressCountSql, connection);
            if (await query.ExecuteScalarAsync() is string instance && ids.TryGetValue(instance, out var runner) && (long)(await progress.ExecuteScalarAsync())! > 0)
            {
                return runner;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No instance ran {jobName} within {patience.TotalSeconds} s.");
    }

    public async Task WaitUntilAsync(Func<BookingDbContext, Task<bool>> condition, TimeSpan patience)
    {
        if (await Poll.UntilAsync(async () =>
            {
                await using var db = OpenDatabase();
                return await condition(db);
            }, patience, TimeSpan.FromMilliseconds(250)))
        {
            return;
        }

        await using var state = OpenDatabase();
        var queue = string.Join(", ", await state.QueueEntries.GroupBy(e => e.Status).Select(g => $"{g.Key}: {g.Count()}").ToListAsync());
        var ticks = string.Join(", ", await state.ReleaseOpenings.Select(o => $"opening {o.Id}: {o.TickCount} ticks").ToListAsync());
        throw new TimeoutException($"Not reached within {patience.TotalSeconds} s (queue {queue}; {ticks}).\nA:\n{A.Output}\nB:\n{B.Output}");
    }

    /// <summary>
    /// Fires a job once now in the cluster, as a scheduler client on the shared job store that never runs jobs itself:
    /// an instance picks it up at its next acquisition (every admission tick during an opening), instead of at the
    /// job's next interval (the reminders' is a minute).
    /// </summary>
    public async Task TriggerJobAsync(JobKey job)
    {
        var services = new ServiceCollection().AddLogging();
        var database = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString };
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceId = "two-instances-test-client");
            quartz.UsePersistentStore(store => JobsServiceCollectionExtensions.UseClusteredStore(store, database));
        });
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(job);
        await scheduler.Shutdown();
    }

    private static async Task<string> SchedulerIdAsync(PortalProcess instance)
    {
        using var http = new HttpClient { BaseAddress = instance.BaseUri };
        using var report = JsonDocument.Parse(await http.GetStringAsync("health/ready"));
        var description = report.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("description").GetString()!;
        return description.Split(' ')[1];
    }

    /// <summary>Two test services open every hour of every day in UTC, one of them behind a one-off release opening shortly after both instances are up.</summary>
    private async Task SetUpServicesAsync(TimeSpan openingLead)
    {
        await using var db = OpenDatabase();
        const DaysOfWeekMask everyDay = DaysOfWeekMask.All;
        Service Hourly(string name) => new()
        {
            Name = name, DurationMinutes = 60, Price = 0, RequireDeposit = false, DepositAmount = 0, LocationKind = LocationKind.InPerson, Address = "1 Test Street",
            TimeZoneId = "Etc/UTC", AvailableDays = everyDay, MinAdvanceBookingHours = 0, MaxAdvanceBookingDays = 30, MaxActiveBookingsPerCustomer = 50,
            TimeSlots = Enumerable.Range(0, 23).Select(h => new TimeSlotTemplate { Days = everyDay, Start = new TimeOnly(h, 0), End = new TimeOnly(h + 1, 0), Capacity = SeatsPerSlot }).ToList(),
        };

        var open = Hourly($"Two instances {Guid.NewGuid():N}");
        var released = Hourly($"Two instances released {Guid.NewGuid():N}");
        db.Services.AddRange(open, released);
        await db.SaveChangesAsync();
        var release = new Release { ServiceId = released.Id, Name = "One-off", OpensAtUtc = DateTime.UtcNow.Add(openingLead), AdmissionWindowSeconds = 600, MaxConcurrentAdmissions = 50, AdmissionRatePerMinute = AdmissionsPerMinute };
        db.Releases.Add(release);
        await db.SaveChangesAsync();
        (ServiceId, ReleasedServiceId, ReleaseId) = (open.Id, released.Id, release.Id);
        nextSlot = DateTime.UtcNow.Date.AddDays(2);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }
}
