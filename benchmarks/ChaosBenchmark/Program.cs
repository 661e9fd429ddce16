using System.Globalization;
using System.Text.Json;
using BookingPortal.Tests.Integration.Chaos;
using Npgsql;

namespace ChaosBenchmark;

// The chaos run of the test suite (BookingPortal.Tests/Integration/Chaos) at scale, on PostgreSQL,
// with two portal instances on one database, as behind a load balancer: each instance is a
// process of its own (this program started again with --instance), hosting the portal and running
// half of the seed's schedule (and every clock step, so both clocks move alike). Halfway through
// its share, instance A is killed with SIGKILL; B runs on to the end. Then the invariants are
// checked on the database.
//   tools/with-postgres.sh dotnet run -c Release --project benchmarks/ChaosBenchmark -- --operations 100000
// (--workers N per instance, 8 by default; --kill-at 0.5 of A's share, --kill-at 0 keeps both alive;
//  CHAOS_SEED=<seed> replays a seed's schedule.)
internal static class Benchmark
{
    private static readonly DateTimeOffset StartsAt = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    public static async Task<int> Main(string[] args)
    {
        var operations = int.Parse(ArgValue(args, "--operations", "100000"), CultureInfo.InvariantCulture);
        var workers = int.Parse(ArgValue(args, "--workers", "8"), CultureInfo.InvariantCulture);
        return ArgValue(args, "--instance", "") is { Length: > 0 } part
            ? await RunInstanceAsync(int.Parse(part, CultureInfo.InvariantCulture), ArgValue(args, "--connection", ""), int.Parse(ArgValue(args, "--seed", "0"), CultureInfo.InvariantCulture), operations, workers)
            : await CoordinateAsync(operations, workers, double.Parse(ArgValue(args, "--kill-at", "0.5"), CultureInfo.InvariantCulture));
    }

    private static async Task<int> CoordinateAsync(int operations, int workers, double killAt)
    {
        var admin = Environment.GetEnvironmentVariable("BOOKINGPORTAL_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("Run through tools/with-postgres.sh (BOOKINGPORTAL_TEST_POSTGRES names the server).");
        var seed = ChaosSchedule.SeedFromEnvironment();
        Console.WriteLine($"CHAOS_SEED={seed}: {operations:N0} operations, two instances × {workers} workers on PostgreSQL{(killAt > 0 ? $", instance A killed (SIGKILL) at {killAt:P0} of the run" : "")}");
        var name = $"chaos_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection).ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 60, Timeout = 300 }.ToString();
        try
        {
            // The first instance to start migrates and seeds; here a host that only does that and sets up the world.
            await using (var setup = new ChaosHost(connectionString, StartsAt, seed: true))
            {
                await ChaosWorld.CreateAsync(setup.Services, seed);
            }

            var wall = Stopwatch.StartNew();
            var a = Instance.Start(0, connectionString, seed, operations, workers);
            var b = Instance.Start(1, connectionString, seed, operations, workers);
            var schedule = ChaosSchedule.Build(seed, operations);
            var share = schedule.Count(op => InShare(op, 0));
            var both = share + schedule.Count(op => InShare(op, 1));
            var killedAfter = (int?)null;
            while (!b.Exited.IsCompleted)
            {
                await Task.WhenAny(b.Exited, Task.Delay(200));
                // Halfway through the whole run (not A's share alone), so B is busy when A dies and goes on after.
                if (killAt > 0 && killedAfter is null && a.Done + b.Done >= both * killAt)
                {
                    a.Kill();
                    killedAfter = a.Done;
                    Console.WriteLine($"{wall.Elapsed.TotalSeconds,6:F1} s: instance A killed with SIGKILL after {killedAfter:N0} of its {share:N0} operations (B had done {b.Done:N0})");
                }
            }

            await a.Exited;
            wall.Stop();

            await using var check = new ChaosHost(connectionString, StartsAt + ChaosSchedule.TotalClockAdvance, seed: false);
            var verdict = await ChaosInvariants.CheckAsync(check.Services);
            var survivor = b.Result ?? throw new InvalidOperationException("Instance B ended without a result:\n" + b.Output);
            var fromA = a.Result;
            var table = PerKind(survivor, fromA, wall.Elapsed);
            var done = survivor.Done + (fromA?.Done ?? a.Done);
            var summary = $"""

                ## Chaos, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC

                Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; two portal instances (two processes, Release) on one PostgreSQL database from `tools/with-postgres.sh`, {workers} workers each, scheduled jobs off (the run calls their services).
                Command: `CHAOS_SEED={seed} tools/with-postgres.sh dotnet run -c Release --project benchmarks/ChaosBenchmark -- --operations {operations} --workers {workers} --kill-at {killAt.ToString(CultureInfo.InvariantCulture)}`

                Seed {seed}: {operations:N0} operations planned, {done:N0} done in {wall.Elapsed.TotalSeconds:F1} s ({done / wall.Elapsed.TotalSeconds:F0} /s); {(killedAfter is { } k ? $"instance A killed with SIGKILL after {k:N0} of its {share:N0} operations, B ran on to the end" : "both instances ran to the end")}.
                Transactions retried after a database conflict: {survivor.Retries + (fromA?.Retries ?? a.Retries)} (warnings: {survivor.Warnings + (fromA?.Warnings ?? a.Warnings)}). Exceptions to a caller: {survivor.Threw + (fromA?.Threw ?? 0)}{(fromA is null ? " (B's; A's died with it)" : "")}. Invariant violations: **{verdict.Violations.Count}** (goal 0).

                | operation | ok | refused | no target | provider refused | threw | per second |
                | --- | --- | --- | --- | --- | --- | --- |
                {table}
                {string.Join('\n', verdict.Violations.Take(20).Select(v => "- violation: " + v))}
                {string.Join('\n', survivor.Exceptions.Take(10).Select(e => "- threw: " + e))}
                """;
            Console.WriteLine(summary);
            var resultsFile = Path.Combine(FindRepositoryRoot(), "benchmarks", "RESULTS.md");
            await File.AppendAllTextAsync(resultsFile, summary + "\n");
            Console.WriteLine($"Appended to {resultsFile}");
            return verdict.IsClean ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection).ExecuteNonQueryAsync();
        }
    }

    /// <summary>Instance <paramref name="part"/>'s operations: every other one, and every clock step (each instance has a clock of its own).</summary>
    private static bool InShare(ChaosOp op, int part) => op.Index % 2 == part || op.Kind == ChaosOpKind.ClockAndHoldExpiry;

    private static async Task<int> RunInstanceAsync(int part, string connectionString, int seed, int operations, int workers)
    {
        await using var host = new ChaosHost(connectionString, StartsAt, seed: false);
        var world = await ChaosWorld.LoadAsync(host.Services, seed);
        var ops = ChaosSchedule.Build(seed, operations).Where(op => InShare(op, part)).ToList();
        var run = new ChaosRun(host.Services, world, new ChaosSettings(workers, host.Clock.Advance, failing => host.Gateway.RefuseRefunds = failing));
        using var progress = new Timer(_ => Console.WriteLine($"progress {run.Done} {host.Retries.Retries} {host.Retries.Warnings}"), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        var report = await run.RunAsync(ops);
        Console.WriteLine(report.Table());
        Console.WriteLine("result " + JsonSerializer.Serialize(InstanceResult.Of(report, run.Done, host.Retries)));
        return 0;
    }

    private static string PerKind(InstanceResult survivor, InstanceResult? other, TimeSpan wall)
    {
        var counts = survivor.Counts.Concat(other?.Counts ?? []).GroupBy(c => (c.Label, c.Outcome)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return string.Join('\n', counts.Keys.Select(k => k.Label).Distinct().Order(StringComparer.Ordinal).Select(label =>
        {
            int N(ChaosOutcome outcome) => counts.GetValueOrDefault((label, outcome));
            var all = Enum.GetValues<ChaosOutcome>().Sum(N);
            return $"| {label} | {N(ChaosOutcome.Succeeded)} | {N(ChaosOutcome.Refused)} | {N(ChaosOutcome.NoTarget)} | {N(ChaosOutcome.ProviderFailed)} | {N(ChaosOutcome.Threw)} | {all / wall.TotalSeconds:F1} |";
        }));
    }

    private static string ArgValue(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static string FindRepositoryRoot()
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
}

/// <summary>What an instance reports at the end, on one line of its output.</summary>
internal sealed record InstanceResult(int Done, int Threw, int Retries, int Warnings, List<KindCount> Counts, List<string> Exceptions)
{
    public static InstanceResult Of(ChaosReport report, int done, RetryCounter retries) => new(
        done,
        report.Threw,
        retries.Retries,
        retries.Warnings,
        report.Counts.Select(c => new KindCount(c.Key.Label, c.Key.Outcome, c.Value)).ToList(),
        report.Exceptions.GroupBy(e => (e.Label, e.Type, e.TopFrames)).Select(g => $"×{g.Count()} {g.Key.Label}: {g.Key.Type}: {g.First().Message.ReplaceLineEndings(" ")} at {g.Key.TopFrames.ReplaceLineEndings(" ")}").ToList());
}

internal sealed record KindCount(string Label, ChaosOutcome Outcome, int Count);

/// <summary>An instance process: this program started again with --instance, its progress read from its output.</summary>
internal sealed class Instance
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();
    private int done;
    private int retries;
    private int warnings;

    private Instance(Process process)
    {
        this.process = process;
        Exited = process.WaitForExitAsync();
    }

    public Task Exited { get; }

    public int Done => Volatile.Read(ref done);

    public int Retries => Volatile.Read(ref retries);

    public int Warnings => Volatile.Read(ref warnings);

    public InstanceResult? Result { get; private set; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static Instance Start(int part, string connectionString, int seed, int operations, int workers)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Instance).Assembly.Location);
        }

        foreach (var argument in new[] { "--instance", part.ToString(CultureInfo.InvariantCulture), "--connection", connectionString, "--seed", seed.ToString(CultureInfo.InvariantCulture),
                     "--operations", operations.ToString(CultureInfo.InvariantCulture), "--workers", workers.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var instance = new Instance(Process.Start(start) ?? throw new InvalidOperationException("The instance did not start."));
        var name = part == 0 ? "A" : "B";
        instance.process.OutputDataReceived += (_, e) => instance.Read(name, e.Data);
        instance.process.ErrorDataReceived += (_, e) => instance.Read(name, e.Data);
        instance.process.BeginOutputReadLine();
        instance.process.BeginErrorReadLine();
        return instance;
    }

    /// <summary>SIGKILL: the process ends at once, mid-transaction, as a crashed or evicted instance does.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    private void Read(string name, string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("progress ", StringComparison.Ordinal))
        {
            var figures = line.Split(' ');
            Volatile.Write(ref done, int.Parse(figures[1], CultureInfo.InvariantCulture));
            Volatile.Write(ref retries, int.Parse(figures[2], CultureInfo.InvariantCulture));
            Volatile.Write(ref warnings, int.Parse(figures[3], CultureInfo.InvariantCulture));
            return;
        }

        if (line.StartsWith("result ", StringComparison.Ordinal))
        {
            Result = JsonSerializer.Deserialize<InstanceResult>(line["result ".Length..]);
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        Console.WriteLine($"{name}: {line}");
    }
}
