using BookingPortal.Infrastructure.Http;
using BookingPortal.Features.Admin;
using BookingPortal.Features.Webhooks;
using BookingPortal.Infrastructure.Jobs;

namespace BookingPortal.Features.Practitioners;

public static class PractitionersServiceCollectionExtensions
{
    /// <summary>The staff side of practitioners: profiles, hours, time off over bookings (and the port the dashboard and the desk ask of it), My day, the private feed and the outside calendars' job.</summary>
    public static IServiceCollection AddPractitioners(this IServiceCollection services)
    {
        services.AddDeclaredServices(typeof(PractitionersServiceCollectionExtensions));
        services.AddScoped<ITimeOffBookings>(provider => provider.GetRequiredService<TimeOffWatch>());
        services.AddPublicAddressClient(BusyFeedService.ClientName)
            .ConfigureHttpClient(client => client.MaxResponseContentBufferSize = BusyFeedService.MaxFeedBytes);
        services.AddScheduledJobs(quartz => quartz.ScheduleEvery<BusyFeedJob>());
        return services;
    }

    /// <summary>The private calendar feed: no sign-in (a phone's calendar cannot), the token in the address is the key.</summary>
    public static IEndpointRouteBuilder MapPractitionerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(endpoints.SecretRoute("/calendar/practitioners/{token}.ics"), async (string token, CalendarFeedService feeds, HttpContext context, CancellationToken cancellationToken) =>
        {
            var feed = await feeds.RenderAsync(token, cancellationToken);
            // The address is a secret: no cache or proxy keeps a copy, and it is not sent on as a referrer.
            context.Response.Headers.CacheControl = "private, no-store";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return feed is null ? Results.NotFound() : Results.Text(feed, CalendarFeedService.ContentType);
        }).AllowAnonymous().WithSecretPath().WithName("PractitionerCalendarFeed");
        return endpoints;
    }
}
