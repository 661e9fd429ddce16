namespace BookingPortal.Domain;

[Flags]
public enum ReminderChannels
{
    None = 0,
    Email = 1,

    /// <summary>Only to customers who opted in to text messages and gave a number.</summary>
    Sms = 2,
}

/// <summary>One reminder of a service's plan: how long before the start it goes, and by which channels.</summary>
public class ServiceReminder
{
    public long Id { get; set; }
    public int ServiceId { get; set; }
    public int MinutesBefore { get; set; }
    public ReminderChannels Channels { get; set; }
}

/// <summary>
/// One reminder of one booking for one appointment time, claimed by the instance that queues it. The
/// database refuses a second row for the same booking, reminder and start, so however many jobs race
/// only one queues it; a moved booking has a new start and so is reminded again.
/// </summary>
public class BookingReminder
{
    public long Id { get; set; }
    public Guid BookingId { get; set; }
    public int MinutesBefore { get; set; }
    public DateTime AppointmentStartUtc { get; set; }
    public DateTime ClaimedAtUtc { get; set; }

    /// <summary>False when claimed without a message: a later reminder was due too, or the booking was made inside this reminder's window.</summary>
    public bool Queued { get; set; }
}

/// <summary>A reminder as staff set it: minutes before the start and the channels it goes by.</summary>
public sealed record ReminderStep(int MinutesBefore, ReminderChannels Channels)
{
    /// <summary>Reminders this close to the start use the "starting soon" message; earlier ones the "reminder" message.</summary>
    public const int StartingSoonMinutes = 180;

    public NotificationKind Kind => MinutesBefore <= StartingSoonMinutes ? NotificationKind.Reminder1h : NotificationKind.Reminder24h;
}

/// <summary>
/// Which reminders a service sends. A service with no rows sends today's plan (a day and an hour
/// before, by e-mail and text); a plan with no reminders is stored as one row that goes by no
/// channel, so "none" is not mistaken for "never set".
/// </summary>
public static class ReminderPlan
{
    public const int MaxSteps = 6;
    public const int MaxMinutesBefore = 14 * 24 * 60;

    public static readonly IReadOnlyList<ReminderStep> Default =
        [new(24 * 60, ReminderChannels.Email | ReminderChannels.Sms), new(60, ReminderChannels.Email | ReminderChannels.Sms)];

    /// <summary>The steps that send something, furthest from the start first.</summary>
    public static IReadOnlyList<ReminderStep> Of(IReadOnlyCollection<ServiceReminder> rows) => rows.Count == 0
        ? Default
        : rows.Where(r => r.Channels != ReminderChannels.None).Select(r => new ReminderStep(r.MinutesBefore, r.Channels))
            .OrderByDescending(s => s.MinutesBefore).ToList();

    /// <summary>The rows that store <paramref name="steps"/> for a service.</summary>
    public static List<ServiceReminder> Rows(int serviceId, IReadOnlyCollection<ReminderStep> steps) => steps.Count == 0
        ? [new ServiceReminder { ServiceId = serviceId, MinutesBefore = 0, Channels = ReminderChannels.None }]
        : steps.Select(s => new ServiceReminder { ServiceId = serviceId, MinutesBefore = s.MinutesBefore, Channels = s.Channels }).ToList();

    /// <summary>Why the steps cannot be saved, or null.</summary>
    public static string? Problem(IReadOnlyCollection<ReminderStep> steps)
    {
        if (steps.Count > MaxSteps)
        {
            return $"At most {MaxSteps} reminders.";
        }

        if (steps.Any(s => s.MinutesBefore is < 5 or > MaxMinutesBefore))
        {
            return "Each reminder goes between 5 minutes and 14 days before the start.";
        }

        if (steps.Any(s => s.Channels == ReminderChannels.None))
        {
            return "Each reminder goes by e-mail, text message or both.";
        }

        return steps.Select(s => s.MinutesBefore).Distinct().Count() == steps.Count ? null : "Two reminders cannot go at the same time.";
    }
}
