using BookingPortal.Features.Insights;
using BookingPortal.Features.Approval;
using BookingPortal.Features.Admin;
using BookingPortal.Features.Api;
using BookingPortal.Features.Audit;
using BookingPortal.Features.Booking;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Branding;
using BookingPortal.Features.Cancellation;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Consistency;
using BookingPortal.Features.Localization;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments;
using BookingPortal.Features.Practitioners;
using BookingPortal.Features.Queue;
using BookingPortal.Features.Questions;
using BookingPortal.Features.Releases;
using BookingPortal.Features.Staff;
using BookingPortal.Features.Webhooks;
using BookingPortal.Features.VideoRooms;

namespace BookingPortal.Features;

public static class PortalFeaturesServiceCollectionExtensions
{
    /// <summary>
    /// Every feature, each registering its own services and jobs (call before AddPortalJobs, which
    /// hands the features' jobs to Quartz).
    /// </summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStaff();
        services.AddAudit();
        services.AddBranding(configuration);
        services.AddCatalog();
        services.AddBookings();
        services.AddBooking();
        services.AddCancellation();
        services.AddAdmin();
        services.AddPayments(configuration);
        services.AddNotifications(configuration);
        services.AddQueue();
        services.AddReleases();
        services.AddPortalApi(configuration);
        services.AddWebhooks(configuration);
        services.AddConsistency();
        services.AddInsights();
        services.AddVideoRooms(configuration);
        services.AddPractitioners();
        services.AddBookingQuestions();
        services.AddApproval();
        return services;
    }

    /// <summary>The features' own endpoints (the pages are mapped with the components).</summary>
    public static IEndpointRouteBuilder MapPortalFeatureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCultureEndpoint();
        endpoints.MapThemeEndpoint();
        endpoints.MapBookingEndpoints();
        // Anonymous, and a verification recomputes a whole draw sent in the body: each address gets the API's allowance.
        endpoints.MapDrawEndpoints().RequireRateLimiting(ApiEndpoints.RateLimitPolicy);
        endpoints.MapQueueTestingEndpoints();
        endpoints.MapPaymentEndpoints();
        endpoints.MapAdminEndpoints();
        endpoints.MapPractitionerEndpoints();
        return endpoints;
    }
}
