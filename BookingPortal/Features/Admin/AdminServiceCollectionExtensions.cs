using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Admin;

public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<FrontDeskService>();
        services.AddScoped<SlotCapacityService>();
        services.AddScoped<SlotCalendarService>();
        services.AddScoped<ServiceAdminService>();
        services.AddScoped<AppointmentsService>();
        services.AddScoped<CustomersService>();
        services.AddScoped<PeopleService>();
        services.AddScoped<DashboardService>();
        services.AddScheduledJobs(quartz => quartz.AddAdminJobs());
        services.AddSingleton<SystemFiguresReader>();
        return services;
    }

    /// <summary>No-shows are marked within a minute of their grace period ending.</summary>
    private static IQuartzBuilder AddAdminJobs(this IQuartzBuilder quartz) =>
        quartz.ScheduleEvery<NoShowJob>(NoShowJob.Key, TimeSpan.FromMinutes(1));
}
