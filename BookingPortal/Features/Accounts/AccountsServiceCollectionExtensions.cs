using BookingPortal.Infrastructure.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Account e-mails through the outbox, the confirmed-address rule, the account forms' rate limits,
    /// closing an account (and finishing one that stopped half-way) and its data export, and the retention of rendered messages.
    /// </summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(AccountRules.Read(builder.Configuration, builder.Environment));
        services.AddValidatedOptions<AccountRateLimitOptions, AccountRateLimitOptionsValidator>(builder.Configuration, AccountRateLimitOptions.SectionName);
        services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(builder.Configuration, RetentionOptions.SectionName);
        services.AddDeclaredServices(typeof(AccountsServiceCollectionExtensions));
        AddAttemptWindows(builder);
        services.Replace(ServiceDescriptor.Scoped<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<AccountMail>()));
        services.Replace(ServiceDescriptor.Scoped<IdentityErrorDescriber, PortalIdentityErrors>());
        services.AddScheduledJobs(quartz => quartz.ScheduleEvery<MessageRetentionJob>().ScheduleEvery<UnfinishedClosingsJob>());
        return builder;
    }

    /// <summary>Shared counts where instances run side by side (see <see cref="AccountRateLimitOptions.SharedCounters"/>), with ended windows pruned every quarter hour.</summary>
    private static void AddAttemptWindows(WebApplicationBuilder builder)
    {
        var database = DataServiceCollectionExtensions.ReadOptions(builder.Configuration, builder.Environment);
        var shared = builder.Configuration.GetValue<bool?>($"{AccountRateLimitOptions.SectionName}:{nameof(AccountRateLimitOptions.SharedCounters)}") ?? database.IsServerDatabase;
        if (!shared)
        {
            builder.Services.AddSingleton<IAttemptWindows, MemoryAttemptWindows>();
            return;
        }

        builder.Services.AddSingleton<DatabaseAttemptWindows>();
        builder.Services.AddSingleton<IAttemptWindows>(sp => sp.GetRequiredService<DatabaseAttemptWindows>());
        builder.Services.AddScheduledJobs(quartz => quartz.ScheduleEvery<AttemptCounterPruneJob>());
    }
}
