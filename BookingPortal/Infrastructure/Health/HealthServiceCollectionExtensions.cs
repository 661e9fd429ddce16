using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookingPortal.Infrastructure.Health;

public static class HealthServiceCollectionExtensions
{
    public const string ReadyTag = "ready";

    public const string PathBase = "/health";

    /// <summary>
    /// /health/live answers as long as the process serves requests (a load balancer restarts it
    /// otherwise); /health/ready also needs the database reachable and fully migrated and the
    /// scheduler running (a load balancer sends no customers to an instance until then). A job whose last run failed
    /// makes it Degraded, still 200: the instance serves, and the answer says which job to look at.
    /// </summary>
    public static IServiceCollection AddPortalHealthChecks(this IServiceCollection services)
    {
        // One per process, so what it learnt of the migrations stays learnt.
        services.AddSingleton<DatabaseReadyCheck>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag], timeout: DatabaseReadyCheck.Timeout)
            .AddCheck<SchedulerStartedCheck>("scheduler", tags: [ReadyTag])
            .AddCheck<JobFailuresCheck>("jobs", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapPortalHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks($"{PathBase}/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks($"{PathBase}/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    /// <summary>The overall status and each check's own answer, so an operator sees which part is not ready.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
