using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Notifications;

/// <summary>Thin on purpose: the exactly-once guarantee lives in ReminderService.</summary>
public sealed class ReminderJob(ReminderService reminders) : DelegatingJob(reminders.QueueDueRemindersAsync)
{
    public static readonly JobKey Key = new(nameof(ReminderJob), "notifications");
}
