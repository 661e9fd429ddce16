namespace BookingPortal.Tests.Integration.Telemetry;

/// <summary>
/// What the scopes of a log line written during a request say (Production's JSON console prints them): the trace ids
/// and the request's path, except that the private calendar feed's path is its key and is named by its route instead.
/// </summary>
public class LogScopeTests
{
    private const string ProbeCategory = "LogScopeTests.Probe";

    [Fact]
    public async Task A_line_logged_during_a_calendar_feed_request_names_the_route_and_the_trace_but_not_the_token()
    {
        var token = CalendarFeedToken.Create();
        var lines = new ScopedLines();
        await using var portal = new ProbedPortal(lines);
        using var client = portal.CreateClient();

        // The portal's first request: its first line is written before routing has built the endpoints.
        (await client.GetAsync("/" + CalendarFeedService.PathFor(token))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/" + CalendarFeedService.PathFor(token).ToUpperInvariant())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/services")).StatusCode.Should().Be(HttpStatusCode.OK);

        lines.Entries.Should().HaveCount(6, "the probe logs before and after each request");
        var feed = lines.Entries.Take(4).ToList();
        feed.Should().OnlyContain(line => !line.Any(scope => scope.Contains(token, StringComparison.OrdinalIgnoreCase)), "the token is the feed's key");
        feed.Should().OnlyContain(line => line.Any(scope => scope.Contains("RequestPath:/calendar/practitioners/{token}.ics")));
        lines.Entries.Skip(4).Should().OnlyContain(line => line.Any(scope => scope.Contains("RequestPath:/services")), "other paths are logged as asked for");
        lines.Entries.Should().OnlyContain(
            line => line.Any(scope => System.Text.RegularExpressions.Regex.IsMatch(scope, "^SpanId:[0-9a-f]{16}, TraceId:[0-9a-f]{32}, ParentId:")),
            "log lines keep their trace ids, printed as the framework prints them");
    }

    /// <summary>The portal with a first middleware that writes a line before the rest of the pipeline and one after it.</summary>
    private sealed class ProbedPortal(ScopedLines lines) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(lines));
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, Probe>());
        }

        private sealed class Probe : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(ProbeCategory);
                app.Use(async (HttpContext context, Func<Task> rest) =>
                {
                    log.LogWarning("Asked for a page");
                    await rest();
                    log.LogWarning("Answered with {Status}", context.Response.StatusCode);
                });
                next(app);
            };
        }
    }

    /// <summary>Each probe line's scopes, printed as the JSON console prints them: the scope, then its named values.</summary>
    private sealed class ScopedLines : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? scopes;

        public ConcurrentQueue<List<string>> Entries { get; } = new();

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => categoryName == ProbeCategory ? new Logger(this) : NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Logger(ScopedLines lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var printed = new List<string>();
                lines.scopes?.ForEachScope((scope, all) => all.Add(scope is IEnumerable<KeyValuePair<string, object?>> items
                    ? $"{scope} | {string.Join(" ", items.Select(i => $"{i.Key}:{i.Value}"))}"
                    : $"{scope}"), printed);
                lines.Entries.Enqueue(printed);
            }
        }
    }
}
