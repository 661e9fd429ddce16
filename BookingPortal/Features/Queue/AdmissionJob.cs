using BookingPortal.Infrastructure.Jobs;
using Quartz;

namespace BookingPortal.Features.Queue;

/// <summary>
/// Ticks every live queue every <see cref="Interval"/>. A Quartz job rather than a hosted loop so that, on a
/// clustered job store, exactly one instance ticks at a time; the opening row lock makes two
/// overlapping ticks safe anyway.
/// </summary>
public sealed class AdmissionJob(AdmissionController controller) : DelegatingJob(controller.TickAllAsync), IIntervalJob
{
    public static JobKey Key { get; } = new(nameof(AdmissionJob), "queue");

    /// <summary>How long a waiting customer can wait for a turn that the rate and the concurrent limit already allow.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(2);
}
