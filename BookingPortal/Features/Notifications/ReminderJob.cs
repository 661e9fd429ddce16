using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Notifications;

/// <summary>Thin on purpose: the exactly-once guarantee lives in ReminderService.</summary>
public sealed class ReminderJob(ReminderService reminders) : DelegatingJob(reminders.QueueDueRemindersAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(ReminderJob), "notifications");

    /// <summary>Reminders are looked for every minute.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(1);
}
