using System.Diagnostics.Metrics;

namespace BookingPortal.Features.Queue;

/// <summary>
/// The waiting room's figures per opening: admissions and lapsed turns as they happen, and the
/// queue as the broadcaster last read it (no query of its own: the waiting rooms pay for that read already).
/// </summary>
public static class QueueMetrics
{
    public static readonly Meter Meter = new("BookingPortal.Queue");

    public const string AdmittedName = "bookingportal.queue.admitted";
    public const string LapsedName = "bookingportal.queue.lapsed";
    public const string WaitingName = "bookingportal.queue.waiting";
    public const string InTurnName = "bookingportal.queue.in_turn";
    public const string SeatsLeftName = "bookingportal.queue.seats_left";

    private static readonly Counter<long> Admitted = Meter.CreateCounter<long>(AdmittedName, "{person}", "People let in from the waiting room.");
    private static readonly Counter<long> Lapsed = Meter.CreateCounter<long>(LapsedName, "{person}", "Admissions whose window ran out unused.");

    public static void Ticked(long openingId, int admitted, int lapsed)
    {
        var opening = new KeyValuePair<string, object?>("opening", openingId);
        Admitted.Add(admitted, opening);
        Lapsed.Add(lapsed, opening);
    }

    /// <summary>Gauges over the snapshots the broadcaster keeps; the meter goes with the app's service provider.</summary>
    public static void Observe(IMeterFactory meters, Func<IEnumerable<QueueSnapshot>> snapshots)
    {
        var meter = meters.Create(Meter.Name);
        meter.CreateObservableGauge(WaitingName, () => Each(snapshots(), s => s.WaitingSequences.Length), "{person}", "People waiting, per watched opening.");
        meter.CreateObservableGauge(InTurnName, () => Each(snapshots(), s => s.AdmittedEntryIds.Count), "{person}", "People admitted and still booking, per watched opening.");
        meter.CreateObservableGauge(SeatsLeftName, () => Each(snapshots().Where(s => s.RemainingSeats is not null), s => s.RemainingSeats!.Value), "{seat}",
            "Seats left, per watched opening that shows them.");
    }

    private static IEnumerable<Measurement<int>> Each(IEnumerable<QueueSnapshot> snapshots, Func<QueueSnapshot, int> value) =>
        snapshots.Select(s => new Measurement<int>(value(s), new KeyValuePair<string, object?>("opening", s.OpeningId))).ToList();
}
