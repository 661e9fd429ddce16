using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WaitingRoomBenchmark;

/// <summary>The portal started as the README says, in Release, on a fresh SQLite file, with the test clock on.</summary>
public sealed class PortalUnderTest : IAsyncDisposable
{
    private readonly Process process;

    private PortalUnderTest(Process process, Uri baseUri, string databasePath)
    {
        this.process = process;
        BaseUri = baseUri;
        DatabasePath = databasePath;
    }

    public Uri BaseUri { get; }

    public string DatabasePath { get; }

    /// <summary>The portal itself, not the <c>dotnet run</c> that started it.</summary>
    public int ProcessId => (serverProcess ?? process).Id;

    /// <summary>Where circuits connect: the page address, or with --http2 an HTTP/2-only endpoint of the same portal.</summary>
    public Uri CircuitUri { get; private init; } = null!;

    /// <param name="http2">
    /// Adds a cleartext HTTP/2 endpoint for the circuits' WebSockets (RFC 8441, as browsers use over HTTP/2):
    /// many circuits share one connection, so the portal holds more circuits than its open-file limit
    /// allows sockets (20,000 here).
    /// </param>
    public static async Task<PortalUnderTest> StartAsync(string repositoryRoot, bool http2 = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bookingportal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "bench.db");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var circuitUri = http2 ? new Uri($"http://127.0.0.1:{FreePort()}/") : baseUri;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repositoryRoot, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "run", "--project", "BookingPortal", "-c", "Release", "--no-launch-profile", "--urls", baseUri.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        if (http2)
        {
            start.Environment["Kestrel__Endpoints__Pages__Url"] = baseUri.ToString().TrimEnd('/');
            start.Environment["Kestrel__Endpoints__Circuits__Url"] = circuitUri.ToString().TrimEnd('/');
            start.Environment["Kestrel__Endpoints__Circuits__Protocols"] = "Http2";
        }

        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={database}";
        start.Environment["Testing__ClockControl"] = "true";
        // POST /testing/sign-in: each seeded customer gets its cookie without a password check (see Customers).
        start.Environment["Testing__SignIn"] = "true";
        // BENCH_GC=workstation compares the runtime's workstation collector with the default server one.
        if (Environment.GetEnvironmentVariable("BENCH_GC") == "workstation")
        {
            start.Environment["DOTNET_gcServer"] = "0";
        }
        if (Environment.GetEnvironmentVariable("BENCH_DEBUG") == "1")
        {
            start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Components"] = "Debug";
        }
        start.Environment["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("BENCH_DEBUG") == "1" ? "Information" : "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet run did not start");
        var debug = Environment.GetEnvironmentVariable("BENCH_DEBUG") == "1";
        process.OutputDataReceived += (_, e) =>
        {
            if (debug && e.Data is not null)
            {
                Console.Error.WriteLine($"portal: {e.Data}");
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"portal: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(10); await Task.Delay(500))
        {
            try
            {
                if ((await http.GetAsync(baseUri)).IsSuccessStatusCode)
                {
                    // The server's own process, not the dotnet-run wrapper: its memory is what a circuit costs. The wrapper's
                    // child, not the newest BookingPortal process: other people's portals run on this machine too.
                    var server = Process.GetProcessesByName("BookingPortal").First(p => ParentOf(p.Id) == process.Id);
                    return new PortalUnderTest(process, baseUri, database) { serverProcess = server, CircuitUri = circuitUri };
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }

        // Not left running behind the benchmark: nothing else would stop it.
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The portal did not start within 10 minutes (it builds first; a busy machine builds slowly).");
    }

    private Process? serverProcess;

    private static int ParentOf(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // After the command's closing parenthesis: state, then the parent's id.
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The server's managed heap after a full compacting collection (GET /testing/memory), in bytes.</summary>
    public async Task<long> LiveHeapBytesAsync() => (await MemoryAsync()).HeapBytes;

    /// <summary>The managed heap after a full compacting collection, and what SQLite holds natively.</summary>
    public async Task<(long HeapBytes, long SqliteBytes)> MemoryAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromMinutes(2) };
        using var answer = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("testing/memory"));
        var sqlite = answer.RootElement.GetProperty("sqliteBytes");
        return (answer.RootElement.GetProperty("totalBytes").GetInt64(), sqlite.ValueKind == System.Text.Json.JsonValueKind.Number ? sqlite.GetInt64() : 0);
    }

    /// <summary>How many connections the portal holds open on its database file.</summary>
    public int DatabaseConnections() =>
        new DirectoryInfo($"/proc/{ProcessId}/fd").EnumerateFileSystemInfos().Count(fd => fd.LinkTarget == DatabasePath);

    /// <summary>CPU time the server process has used (user + system), from /proc: unlike elapsed time, not stretched by a busy host.</summary>
    public TimeSpan CpuTime()
    {
        var id = serverProcess?.Id ?? process.Id;
        var stat = File.ReadAllText($"/proc/{id}/stat");
        // Fields after the command's closing parenthesis start at field 3 (state); utime and stime are fields 14 and 15, in clock ticks of 1/100 s.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>The machine's CPU counters (all cores): total and stolen by the host, in clock ticks.</summary>
    public static (long Total, long Stolen) MachineCpu()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (cpu.Sum(), cpu[7]);
    }

    /// <summary>Resident memory of the server process, in bytes (VmRSS).</summary>
    public long ResidentBytes()
    {
        var id = serverProcess?.Id ?? process.Id;
        var line = File.ReadLines($"/proc/{id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The server's open files (sockets included) and its limit on them (RLIMIT_NOFILE, which .NET raises to the hard limit).</summary>
    public (int Open, int Limit) OpenFiles() => OpenFilesOf((serverProcess ?? process).Id);

    public static (int Open, int Limit) OpenFilesOf(int processId)
    {
        var open = Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd").Count();
        var limit = File.ReadLines($"/proc/{processId}/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        return (open, int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
