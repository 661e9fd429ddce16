using System.Net.Sockets;
using System.Text;

namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// Starts the portal on a free loopback port and a throwaway SQLite file, and stops the whole process tree afterwards.
/// It runs the tests' own build as `dotnet run` would (from the project's folder, in Development), and with
/// <paramref name="asReadmeSays"/> through `dotnet run --project BookingPortal` itself: the shared portal of the
/// browser journeys does, so the README's command is the one they run on. The others skip `dotnet run`'s reading of
/// the project (about 2.5 s of CPU a start, in a run that starts a dozen).
/// </summary>
/// <param name="clockControl">Turns on POST /testing/clock, for tests that must see time pass (they share one: <see cref="ClockPortalFixture"/>).</param>
/// <param name="settings">Configuration given to the app (as environment variables), e.g. another database shared with a second instance.</param>
/// <param name="publishedFolder">Runs `dotnet BookingPortal.dll` from this `dotnet publish` output instead, as a server would.</param>
/// <param name="asReadmeSays">Starts it with the README's `dotnet run --project BookingPortal` (without building again).</param>
public sealed class PortalProcess(
    bool clockControl = false, IReadOnlyDictionary<string, string>? settings = null, string? publishedFolder = null, bool asReadmeSays = false)
    : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly string[] ProblemLevels = ["Warning", "Error", "Critical"];
    private readonly StringBuilder output = new();
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "bookingportal-e2e", Guid.NewGuid().ToString("N"));
    private Process? process;

    public Uri BaseUri { get; private set; } = null!;

    public string DatabasePath => Path.Combine(dataFolder, "e2e.db");

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

    /// <summary>The lines of <see cref="Output"/> that log a warning or a failure, with what follows each (its message and exception).</summary>
    public string Problems => ProblemsIn(Output);

    /// <summary>
    /// The entries of a console log that are warnings or failures, in either of the portal's formats: the simple one
    /// (Development), which starts an entry with "warn:", "fail:" or "crit:" and indents what belongs to it, and the
    /// JSON one (Production), an entry a line.
    /// </summary>
    public static string ProblemsIn(string log)
    {
        var kept = new StringBuilder();
        var inProblem = false;
        foreach (var line in log.Split('\n'))
        {
            var startsEntry = line.Length > 0 && !char.IsWhiteSpace(line[0]);
            inProblem = startsEntry ? IsProblem(line) : inProblem;
            if (inProblem)
            {
                kept.AppendLine(line.TrimEnd('\r'));
            }
        }

        return kept.ToString();
    }

    private static bool IsProblem(string entry) =>
        entry.StartsWith("warn:", StringComparison.Ordinal) || entry.StartsWith("fail:", StringComparison.Ordinal) || entry.StartsWith("crit:", StringComparison.Ordinal)
        || (entry.StartsWith('{') && ProblemLevels.Any(level => entry.Contains($"\"LogLevel\":\"{level}\"", StringComparison.Ordinal)));

    /// <summary>The app's own database, for a test to look at or to set the scene in.</summary>
    public SqliteBookingDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<SqliteBookingDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(options, $"Data Source={DatabasePath}");
        DesignTimeIdentity.Apply(options);
        return new SqliteBookingDbContext(options.Options);
    }

    /// <summary>Moves the app's clock forward and runs its jobs once (only on a portal started with clock control).</summary>
    public async Task MoveClockAsync(DateTime utc)
    {
        using var http = new HttpClient { BaseAddress = BaseUri };
        var response = await http.PostAsync($"testing/clock?utc={Uri.EscapeDataString(utc.ToString("o", System.Globalization.CultureInfo.InvariantCulture))}", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A portal of the test's own, started; a test holds it with `await using`, so it stops when the test ends.</summary>
    public static async Task<PortalProcess> StartAsync(bool clockControl = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var portal = new PortalProcess(clockControl, settings);
        try
        {
            await portal.InitializeAsync();
            return portal;
        }
        catch
        {
            // A start that failed may have left the process running; the test holds nothing to stop it with.
            await portal.DisposeAsync();
            throw;
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataFolder);
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        var (workingDirectory, command) = Command();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Concat(["--urls", BaseUri.ToString().TrimEnd('/')]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={DatabasePath}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        if (publishedFolder is null)
        {
            // A Release build turns quick JIT off for a server's first burst (BookingPortal.csproj); a portal run the
            // development way JITs as a Debug build does. Measured to ready: 11-12.8 s of CPU without, 6.4 s with.
            start.Environment["DOTNET_TC_QuickJit"] = "1";
        }

        if (clockControl)
        {
            start.Environment["Testing__ClockControl"] = "true";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the portal");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var answered = await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                return (await http.GetAsync(BaseUri)).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false; // not listening yet, or still compiling its first page (a Release build JITs fully optimized)
            }
        }, StartTimeout, TimeSpan.FromMilliseconds(250));
        if (answered)
        {
            return;
        }

        throw new TimeoutException($"The portal did not answer within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>
    /// The folder and arguments of `dotnet`: always the build the tests run on, so the app is not compiled a second
    /// time. The project's folder is where `dotnet run` starts a web project, and so the content root.
    /// </summary>
    private (string WorkingDirectory, string[] Arguments) Command()
    {
        if (publishedFolder is not null)
        {
            return (publishedFolder, [Path.Combine(publishedFolder, "BookingPortal.dll")]);
        }

        if (asReadmeSays)
        {
            return (RepositoryRoot.Path, ["run", "--project", "BookingPortal", "--no-build", "-c", BuildConfiguration]);
        }

        return (Path.Combine(RepositoryRoot.Path, "BookingPortal"), [BuiltAssembly("BookingPortal", "BookingPortal")]);
    }

    /// <summary>
    /// The assembly a project of the solution built beside the tests' own: the same configuration and target framework
    /// (the folder the tests run from is bin/{configuration}/{framework}).
    /// </summary>
    internal static string BuiltAssembly(string projectFolder, string assemblyName) =>
        Path.Combine(RepositoryRoot.Path, projectFolder, "bin", BuildConfiguration,
            Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)), assemblyName + ".dll");

    /// <summary>Whether GET /health/ready answers 200 (database migrated, scheduler running).</summary>
    public async Task<bool> ReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        return (await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Ends the app at once with SIGKILL, as a crashed machine would: no shutdown code runs.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean the temp folder.
        }

        return Task.CompletedTask;
    }

    internal static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
