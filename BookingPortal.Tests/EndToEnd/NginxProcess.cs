namespace BookingPortal.Tests.EndToEnd;

/// <summary>
/// Debian's nginx running the repository's recipe (deploy/nginx/bookingportal.conf) with a
/// throwaway prefix: the recipe's two upstream ports and its listen port are replaced by the
/// test's, everything else is the file an operator installs.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    public const string NginxPath = NginxProxy.NginxPath;
    private readonly string prefix = Directory.CreateTempSubdirectory("bookingportal-nginx.").FullName;
    private Process? process;

    public Uri BaseUri { get; private set; } = null!;

    public static string RecipePath => Path.Combine(RepositoryRoot.Path, "deploy", "nginx", "bookingportal.conf");

    public string ErrorLog => File.Exists(Path.Combine(prefix, "error.log")) ? File.ReadAllText(Path.Combine(prefix, "error.log")) : "";

    public static async Task<NginxProcess> StartAsync(Uri first, Uri second)
    {
        NginxProxy.ShouldBeInstalled();
        var nginx = new NginxProcess();
        await nginx.RunAsync(first, second);
        return nginx;
    }

    private async Task RunAsync(Uri first, Uri second)
    {
        var port = PortalProcess.FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        var recipe = await File.ReadAllTextAsync(RecipePath);
        foreach (var (from, to) in new[] { ("127.0.0.1:5001", first.Authority), ("127.0.0.1:5002", second.Authority), ("listen 80;", $"listen 127.0.0.1:{port};") })
        {
            recipe.Should().Contain(from, "the test runs the recipe itself, with its own ports");
            recipe = recipe.Replace(from, to, StringComparison.Ordinal);
        }

        // Run as root, nginx's workers drop to nobody: they must reach the temp folders.
        var temp = Directory.CreateDirectory(Path.Combine(prefix, "temp")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(temp, (UnixFileMode)0b111_111_111);
        }
        await File.WriteAllTextAsync(Path.Combine(prefix, "bookingportal.conf"), recipe);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log notice;
            events { worker_connections 512; }
            http {
              access_log {{prefix}}/access.log;
              client_body_temp_path {{temp}}/body;
              proxy_temp_path {{temp}}/proxy;
              fastcgi_temp_path {{temp}}/fastcgi;
              uwsgi_temp_path {{temp}}/uwsgi;
              scgi_temp_path {{temp}}/scgi;
              include {{prefix}}/bookingportal.conf;
            }
            """);
        var start = new ProcessStartInfo(NginxPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", prefix, "-e", Path.Combine(prefix, "error.log"), "-c", Path.Combine(prefix, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start)!;
        await NginxProxy.WaitUntilListeningAsync(process, port, () => ErrorLog);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        Directory.Delete(prefix, recursive: true);
    }
}
