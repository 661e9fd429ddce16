using BookingPortal.Infrastructure.Health;
using BookingPortal.Infrastructure.Http;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Infrastructure.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    public const string MetricsPath = "/metrics";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics and traces with OpenTelemetry: ASP.NET Core, HttpClient (SendGrid, Twilio, Stripe,
    /// webhooks), Npgsql, the jobs and the booking path; every BookingPortal.* meter. Metrics are
    /// scraped at /metrics; when the standard OTEL_EXPORTER_OTLP_ENDPOINT is set (the other OTEL_*
    /// variables tune it) traces are recorded too, and traces, metrics and logs go to that collector.
    /// Log lines carry the trace and span ids either way.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MetricsOptions, MetricsOptionsValidator>(builder.Configuration, MetricsOptions.Section);
        builder.Services.AddSingleton<LiveFigures>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetrics>());
        DatabaseCommandMetrics.SubscribeOnce();
        // The logger factory takes its scopes from here: the trace ids, and a secret path logged as its route.
        builder.Services.AddSingleton<PortalLogScopes>();
        builder.Services.AddSingleton<IExternalScopeProvider>(services => services.GetRequiredService<PortalLogScopes>());

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "bookingportal"))
            .WithMetrics(metrics => metrics
                .AddMeter("BookingPortal.*", "Npgsql", "Quartz")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            // Traces only where something receives them. A tracer records a span for every message a circuit
            // sends back (each render's acknowledgement is a hub call) and keeps each circuit's spans and
            // links for its whole life; with nowhere to send them that was CPU and memory spent on every
            // waiting customer for nothing. Log lines keep their trace ids without it: the host starts a
            // request's activity for its logging scope anyway.
            telemetry.WithTracing(tracing => tracing
                .AddSource("BookingPortal.*")
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperatorProbe(context.Request.Path))
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = SecretPathRequests.Redact)
                .AddNpgsql());
            builder.Logging.AddOpenTelemetry(logs => (logs.IncludeFormattedMessage, logs.IncludeScopes) = (true, true));
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>/metrics for the configured scrapers only (<see cref="ScrapeGate"/>).</summary>
    public static WebApplication MapPortalMetrics(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(MetricsPath), branch => branch.UseMiddleware<ScrapeGate>());
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    /// <summary>The health checks and the scrape: called by operators' tools on each instance, not by people.</summary>
    internal static bool IsOperatorProbe(PathString path) => path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(HealthServiceCollectionExtensions.PathBase);
}

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var errors = new List<string>();
        if (options.ScrapeToken is { Length: > 0 and < MetricsOptions.MinimumTokenLength })
        {
            errors.Add($"'{MetricsOptions.Section}:{nameof(MetricsOptions.ScrapeToken)}' must be at least {MetricsOptions.MinimumTokenLength} characters long.");
        }

        // The deploy examples' placeholder is long enough and public: copied unchanged, it would open /metrics to anyone.
        if (options.ScrapeToken?.Contains("change-me", StringComparison.OrdinalIgnoreCase) == true)
        {
            errors.Add($"'{MetricsOptions.Section}:{nameof(MetricsOptions.ScrapeToken)}' is still the deploy example's placeholder; set a random token (e.g. from 'openssl rand -hex 24').");
        }

        errors.AddRange(options.AllowedAddresses.Where(a => !MetricsOptions.TryParseNetwork(a, out _))
            .Select(a => $"'{MetricsOptions.Section}:{nameof(MetricsOptions.AllowedAddresses)}' holds '{a}', which is neither an address nor a network (e.g. 10.0.0.5 or 10.0.0.0/8)."));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
