using Quartz;

namespace BookingPortal.Features.Notifications;

/// <summary>Thin on purpose: the exactly-once guarantee lives in ReminderService.</summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(ReminderService reminders) : IJob
{
    public static readonly JobKey Key = new(nameof(ReminderJob), "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await reminders.QueueDueRemindersAsync(cancellationToken);
}
