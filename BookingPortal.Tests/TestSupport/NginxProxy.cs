using System.Net.Sockets;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A real nginx (Debian's nginx-light, installed by test.sh) in front of a portal listening on
/// Kestrel, run as the test's user with its own prefix, config and logs in a temp folder. It
/// connects to the portal from 127.0.0.2, so the portal can tell it from a client on 127.0.0.1.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";
    public const string ProxyAddress = "127.0.0.2";

    private readonly string folder = Directory.CreateTempSubdirectory("bookingportal-nginx").FullName;
    private readonly Process process;

    public NginxProxy(int portalPort)
    {
        ShouldBeInstalled();
        Port = FreePort();
        var config = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(config, Config(portalPort));
        var start = new ProcessStartInfo(NginxPath) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", config, "-g", $"daemon off; pid {Path.Combine(folder, "nginx.pid")};" })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public string ErrorLog => File.Exists(Path.Combine(folder, "error.log")) ? File.ReadAllText(Path.Combine(folder, "error.log")) : "";

    /// <summary>Waits until nginx accepts connections.</summary>
    public Task WaitUntilListeningAsync() => WaitUntilListeningAsync(process, Port, () => ErrorLog);

    /// <summary>Fails, naming what to run, where Debian's nginx is not installed.</summary>
    internal static void ShouldBeInstalled()
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"{NginxPath} is missing: run ./test.sh, which installs Debian's nginx-light package.");
        }
    }

    /// <summary>Waits until an nginx <paramref name="process"/> accepts connections on <paramref name="port"/>; one that exits first fails with its error log.</summary>
    internal static async Task WaitUntilListeningAsync(Process process, int port, Func<string> errorLog)
    {
        var listening = await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}\n{errorLog()}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        listening.Should().BeTrue($"nginx should listen on {port}:\n{errorLog()}");
    }

    /// <summary>
    /// TLS ends at the proxy in production; this listener is plain http, so it states https the way a
    /// TLS listener's $scheme would. X-Forwarded-For is appended to, as nginx guides recommend, so a
    /// value the client sent itself is kept on the left where the portal never reads it.
    /// </summary>
    private string Config(int portalPort) => $$"""
        worker_processes 1;
        events { worker_connections 64; }
        http {
            access_log off;
            client_body_temp_path {{folder}}/body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            server {
                listen 127.0.0.1:{{Port}};
                location / {
                    proxy_pass http://127.0.0.1:{{portalPort}};
                    proxy_bind {{ProxyAddress}};
                    proxy_set_header Host $host:$server_port;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto https;
                }
            }
        }
        """;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean the temp folder.
        }
    }
}
