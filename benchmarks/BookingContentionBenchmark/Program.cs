using System.Diagnostics;

using BookingPortal.Data;
using BookingPortal.Domain;
using BookingPortal.Features.Booking;
using BookingPortal.Features.Bookings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace BookingContentionBenchmark;

// Booking contention: N customers at once race for one service's seats (half as many seats as
// customers, spread over 10 slots) through the real BookingService, on SQLite and, when
// BOOKINGPORTAL_TEST_POSTGRES names a server (tools/with-postgres.sh sets it), on PostgreSQL.
// Compared with a raw single-row conditional UPDATE loop on the same database: the physical limit.
//   tools/with-postgres.sh dotnet run -c Release --project benchmarks/BookingContentionBenchmark -- --customers 100,1000,5000
// (--warm-up N: the size of each database's first round, a marked row of the table; 1,000 by default.)
// (--databases postgres, or sqlite, runs one of them only.)
internal static class Benchmark
{
    public static async Task Main(string[] args)
    {
        var customerCounts = ArgValue("--customers", "100,1000,5000").Split(',').Select(int.Parse).ToArray();
        var warmUpCustomers = int.Parse(ArgValue("--warm-up", "1000"));
        const int Slots = 10;
        var rows = new List<string>();

        var providers = new List<(DatabaseProvider Provider, Func<Task<string>> NewDatabase)>
        {
            (DatabaseProvider.Sqlite, () => Task.FromResult($"Data Source={Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.db")};Default Timeout=300")),
        };
        if (Environment.GetEnvironmentVariable("BOOKINGPORTAL_TEST_POSTGRES") is { Length: > 0 } admin)
        {
            providers.Add((DatabaseProvider.Postgres, async () =>
            {
                var name = $"bench_{Guid.NewGuid():N}";
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection).ExecuteNonQueryAsync();
                return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 100, Timeout = 300 }.ToString();
            }));
        }
        else
        {
            Console.Error.WriteLine("BOOKINGPORTAL_TEST_POSTGRES is not set: SQLite only (run through tools/with-postgres.sh for PostgreSQL).");
        }

        var only = ArgValue("--databases", "sqlite,postgres").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var (provider, newDatabase) in providers.Where(p => only.Contains(p.Provider.ToString(), StringComparer.OrdinalIgnoreCase)))
        {
            var rawRate = 0.0;
            // The first round of a process pays once for compiling the booking path's code and queries;
            // a release opening on a server that has not booked since it started pays it too. Each
            // database's first round is in the table, marked, and its other rounds show the rate once
            // that is paid. (SQLite runs first, so PostgreSQL's first round shares the compiled code.)
            foreach (var (customers, warmUp) in customerCounts.Select(c => (c, false)).Prepend((warmUpCustomers, true)))
            {
                await using var host = new PortalHost(provider, await newDatabase());
                await (await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).PauseAll();
                var db = host.Services.GetRequiredService<IDbContextFactory<BookingDbContext>>();
                if (rawRate == 0)
                {
                    rawRate = await RawConditionalUpdateRateAsync(db, provider);
                    Console.WriteLine($"{provider}: raw conditional UPDATE of one row, 16 workers: {rawRate:F0} /s");
                }

                var (serviceId, slotStarts) = await CreateServiceAsync(db, customers / 2 / Slots);
                var customerIds = await CreateCustomersAsync(db, customers);
                var random = new Random(42);
                var requests = customerIds.Select(c => new ReserveRequest(c, serviceId, slotStarts[random.Next(Slots)], Guid.NewGuid().ToString())).ToList();

                await WarmConnectionPoolAsync(db, Math.Min(customers, 100));
                var latencies = new double[requests.Count];
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var tasks = requests.Select((request, i) => Task.Run(async () =>
                {
                    await gate.Task;
                    using var scope = host.Services.CreateScope();
                    var watch = Stopwatch.StartNew();
                    var result = await scope.ServiceProvider.GetRequiredService<BookingService>().ReserveAsync(request);
                    latencies[i] = watch.Elapsed.TotalMilliseconds;
                    return result;
                })).ToList();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                gate.SetResult();
                var results = await Task.WhenAll(tasks);
                wall.Stop();
                var appCpuPerAttempt = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / requests.Count;

                var confirmed = results.Count(r => r.Succeeded);
                var unexpected = results.Where(r => !r.Succeeded && r.Error != BookingError.SlotFull).Select(r => r.Error?.ToString() ?? "?").Distinct().ToList();
                await using (var check = await db.CreateDbContextAsync())
                {
                    var counters = await check.SlotInventories.Where(i => i.ServiceId == serviceId).ToListAsync();
                    foreach (var counter in counters)
                    {
                        var booked = await check.Bookings.CountAsync(b => b.SlotInventoryId == counter.Id);
                        if (counter.Booked > counter.Capacity || booked != counter.Booked)
                        {
                            throw new InvalidOperationException($"OVERBOOKED or miscounted: slot {counter.Id} capacity {counter.Capacity}, counter {counter.Booked}, bookings {booked}.");
                        }
                    }
                }

                Array.Sort(latencies);
                var perSecond = confirmed / wall.Elapsed.TotalSeconds;
                var line = $"| {provider}{(warmUp ? " (first round)" : "")} | {customers:N0} | {customers / 2:N0} | {confirmed:N0} | {wall.Elapsed.TotalSeconds:F2} s | {perSecond:F0} | {Percentile(latencies, 50):F0} / {Percentile(latencies, 95):F0} / {Percentile(latencies, 99):F0} ms | {rawRate:F0} /s | {perSecond / rawRate:P0} | {appCpuPerAttempt:F2} ms | 0{(unexpected.Count > 0 ? $" (other refusals: {string.Join(", ", unexpected)})" : "")} |";
                Console.WriteLine(line);
                rows.Add(line);

                // Each round's database has a pool of its own: close them, or rounds add up to the server's connection limit.
                if (provider == DatabaseProvider.Sqlite)
                {
                    SqliteConnection.ClearAllPools();
                }
                else
                {
                    NpgsqlConnection.ClearAllPools();
                }
            }
        }

        var report = $"""

        ## Booking contention, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

        Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; the app hosted in the benchmark process (Release), PostgreSQL from `tools/with-postgres.sh` (durable: `POSTGRES_DURABLE=1` keeps fsync on).
        Command: `POSTGRES_DURABLE=1 tools/with-postgres.sh dotnet run -c Release --project benchmarks/BookingContentionBenchmark -- --customers {string.Join(',', customerCounts)} --warm-up {warmUpCustomers}`

        All customers start at once (one gate); each books one of {Slots} slots at random; there are half as many seats as customers. Bookings/s = confirmed bookings / wall time from the gate to the last answer. Latency is one `ReserveAsync` call. Raw = one row, `UPDATE … SET Booked = CASE WHEN Booked < Capacity THEN Booked + 1 ELSE 0 END WHERE Id = @id` (the conditional seat update, wrapping so it never runs dry) in autocommit, 16 workers, 3 s. App CPU per request = this process's CPU time during the round / requests (the database server's own CPU is not in it). Each database's "first round" is its first booking crowd; the first of all is also the process's (code and queries compiled as it goes), so with both databases PostgreSQL's first round runs on code SQLite's rounds compiled.

        | database | customers | seats | confirmed | wall | bookings/s | p50 / p95 / p99 | raw UPDATE | ratio | app CPU per request | overbooked |
        | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
        {string.Join('\n', rows)}
        """;
        var resultsFile = Path.Combine(FindRepositoryRoot(), "benchmarks", "RESULTS.md");
        await File.AppendAllTextAsync(resultsFile, report + "\n");
        Console.WriteLine($"Appended to {resultsFile}");

        static double Percentile(double[] sorted, int percent) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];

        static async Task<double> RawConditionalUpdateRateAsync(IDbContextFactory<BookingDbContext> dbFactory, DatabaseProvider provider)
        {
            long id;
            await using (var db = await dbFactory.CreateDbContextAsync())
            {
                var service = await db.Services.FirstAsync();
                var counter = new SlotInventory { ServiceId = service.Id, StartUtc = new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc), EndUtc = new DateTime(2099, 1, 1, 1, 0, 0, DateTimeKind.Utc), Capacity = 1000 };
                db.SlotInventories.Add(counter);
                await db.SaveChangesAsync();
                id = counter.Id;
            }

            var done = 0L;
            var stop = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                while (stop.Elapsed < TimeSpan.FromSeconds(3))
                {
                    // Capacity is reset in the same statement's condition so the loop never runs dry: the work is the row lock and the commit.
                    await db.Database.ExecuteSqlRawAsync(
                        "UPDATE \"SlotInventories\" SET \"Booked\" = CASE WHEN \"Booked\" < \"Capacity\" THEN \"Booked\" + 1 ELSE 0 END WHERE \"Id\" = {0}", id);
                    Interlocked.Increment(ref done);
                }
            })));
            return done / stop.Elapsed.TotalSeconds;
        }

        // Every round has a database (so a pool) of its own: open its connections before the gate, or the
        // first second measures PostgreSQL forking backends rather than bookings.
        static async Task WarmConnectionPoolAsync(IDbContextFactory<BookingDbContext> dbFactory, int connections)
        {
            var contexts = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
            {
                var context = await dbFactory.CreateDbContextAsync();
                await context.Database.OpenConnectionAsync();
                return context;
            }));
            foreach (var context in contexts)
            {
                await context.Database.CloseConnectionAsync();
                await context.DisposeAsync();
            }
        }

        static async Task<(int ServiceId, DateTime[] SlotStarts)> CreateServiceAsync(IDbContextFactory<BookingDbContext> dbFactory, int capacityPerSlot)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var service = new Service
            {
                Name = $"Benchmark {Guid.NewGuid():N}", DurationMinutes = 60, Price = 100, DepositAmount = 20, LocationKind = LocationKind.InPerson, Address = "1 Bench Street",
                TimeZoneId = "Etc/UTC", AvailableDays = DaysOfWeekMask.All, MinAdvanceBookingHours = 0, MaxAdvanceBookingDays = 30, MaxActiveBookingsPerCustomer = 5,
                TimeSlots = Enumerable.Range(8, Slots).Select(h => new TimeSlotTemplate { Days = DaysOfWeekMask.All, Start = new TimeOnly(h, 0), End = new TimeOnly(h + 1, 0), Capacity = Math.Max(1, capacityPerSlot) }).ToList(),
            };
            db.Services.Add(service);
            await db.SaveChangesAsync();
            var day = DateTime.UtcNow.Date.AddDays(3);
            return (service.Id, Enumerable.Range(8, Slots).Select(h => DateTime.SpecifyKind(day.AddHours(h), DateTimeKind.Utc)).ToArray());
        }

        static async Task<List<string>> CreateCustomersAsync(IDbContextFactory<BookingDbContext> dbFactory, int count)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var users = Enumerable.Range(0, count).Select(_ => $"bench-{Guid.NewGuid():N}@bench.local").Select(email => new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString(),
                // The portal books only for confirmed addresses (the accounts feature's rule): a crowd of real customers.
                EmailConfirmed = true,
            }).ToList();
            db.Users.AddRange(users);
            await db.SaveChangesAsync();
            return users.Select(u => u.Id).ToList();
        }

        static string FindRepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BookingPortal.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Run from inside the repository.");
        }

        string ArgValue(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
    }
}
