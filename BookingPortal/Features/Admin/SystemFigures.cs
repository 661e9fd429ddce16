using BookingPortal.Features.Booking;
using BookingPortal.Features.Consistency;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Queue;
using BookingPortal.Features.Staff;
using BookingPortal.Infrastructure.Jobs;
using BookingPortal.Infrastructure.Telemetry;

namespace BookingPortal.Features.Admin;

/// <summary>The figures that matter during an opening, on this instance, over the last minute unless said otherwise.</summary>
public sealed record SystemFigures(
    double AdmittedPerMinute,
    double LapsedPerMinute,
    double Waiting,
    double? SeatsLeft,
    double BookedPerMinute,
    IReadOnlyDictionary<string, double> RefusedPerMinute,
    double? BookingLatencyMs,
    double OpenCircuits,
    IReadOnlyDictionary<string, double> OutboxPending,
    IReadOnlyDictionary<string, double> OutboxFailed,
    double? DatabaseLatencyMs,
    double ConflictRetriesPerMinute,
    double JobFailuresPerMinute,
    double ConsistencyViolationsPerMinute);

/// <summary>Reads <see cref="SystemFigures"/> from the in-process listener on the portal's own meters.</summary>
[SingletonService]
public sealed class SystemFiguresReader(LiveFigures live)
{
    /// <exception cref="UnauthorizedAccessException">The caller is not staff.</exception>
    public SystemFigures Read(StaffActor actor)
    {
        actor.EnsureStaff();
        return From(live.Read());
    }

    public static SystemFigures From(FiguresSnapshot figures) => new(
        figures.PerMinute(QueueMetrics.AdmittedName),
        figures.PerMinute(QueueMetrics.LapsedName),
        figures.ObservedSum(QueueMetrics.WaitingName),
        figures.Observed.Keys.Any(k => k.Name == QueueMetrics.SeatsLeftName) ? figures.ObservedSum(QueueMetrics.SeatsLeftName) : null,
        figures.PerMinute(BookingMetrics.BookedName),
        figures.PerMinuteBy(BookingMetrics.RefusedName, "reason"),
        figures.MeanLastMinute(BookingMetrics.DurationName) * 1000,
        figures.Total(CircuitMetrics.OpenName),
        Outbox(figures, OutboxStatus.Pending),
        Outbox(figures, OutboxStatus.Failed),
        figures.MeanLastMinute(DatabaseCommandMetrics.DurationName) * 1000,
        figures.PerMinute(ConflictRetry.RetriesName),
        figures.PerMinute(JobMetrics.FailuresName),
        figures.PerMinute(ConsistencyMetrics.ViolationsName));

    private static Dictionary<string, double> Outbox(FiguresSnapshot figures, OutboxStatus status) =>
        Enum.GetValues<NotificationChannel>().ToDictionary(c => c.ToString(), c => figures.Observed
            .Where(s => s.Key.Name == OutboxMetrics.MessagesName && s.Key.Tag("channel") == c.ToString() && s.Key.Tag("status") == status.ToString())
            .Sum(s => s.Value));
}
