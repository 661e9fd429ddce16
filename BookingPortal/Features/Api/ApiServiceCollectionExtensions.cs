using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using BookingPortal.Infrastructure.Hosting;
using BookingPortal.Infrastructure.Http;

namespace BookingPortal.Features.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>API keys, their authentication scheme and scope policies, the per-key rate limit, problem details and the OpenAPI document.</summary>
    public static IServiceCollection AddPortalApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(configuration, ApiOptions.SectionName);
        services.AddDeclaredServices(typeof(ApiServiceCollectionExtensions));
        services.AddApiKeyAuthorization();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestHeadersTotalSize = ApiErrors.KestrelMaxHeaderBytes);
        services.AddPerKeyRateLimit();
        services.AddApiDocument();
        return services;
    }

    /// <summary>The API key scheme, and one policy per scope (the admin scope can do what every other can).</summary>
    private static void AddApiKeyAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.ReadPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyDefaults.ScopeClaim, Scope(ApiScopes.Read), Scope(ApiScopes.Admin)))
            .AddPolicy(ApiKeyDefaults.BookPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyDefaults.ScopeClaim, Scope(ApiScopes.Book), Scope(ApiScopes.Admin)));
    }

    private static void AddPerKeyRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(ApiEndpoints.RateLimitPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                // Authorization has run by now, so a valid key has its id; anything else shares its address's bucket.
                var partition = context.User.FindFirst(ApiKeyDefaults.KeyIdClaim)?.Value is { } keyId
                    ? "key:" + keyId
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => settings.AllowanceWindow());
            });
            limiter.OnRejected = (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    RetryAfter.Set(rejected.HttpContext.Response, retryAfter);
                }

                var caller = rejected.HttpContext.User.FindFirst(ApiKeyDefaults.KeyIdClaim) is null ? "address" : "key";
                return new ValueTask(ApiProblems.Write(rejected.HttpContext, ApiProblems.RateLimited, $"This {caller} made too many requests; wait and try again."));
            };
        });

    /// <summary>The OpenAPI document of the /api endpoints, with the key as a bearer scheme.</summary>
    private static void AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddOperationTransformer(ApiQueryParameters.DescribeAsync);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "BookingPortal API";
                document.Info.Description = "Personal API keys (profile page) as 'Authorization: Bearer bpk_…'. Errors are RFC 9457 problem details.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyDefaults.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal API key, e.g. bpk_…",
                };
                return Task.CompletedTask;
            });
        });

    /// <summary>Rate limiting runs after authorization (added by the host), so it sees which key is calling.</summary>
    public static WebApplication UsePortalApi(this WebApplication app)
    {
        app.UseApiErrors();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapPortalApi();
        return app;
    }

    private static string Scope(ApiScopes scope) => scope.ToString().ToLowerInvariant();
}
