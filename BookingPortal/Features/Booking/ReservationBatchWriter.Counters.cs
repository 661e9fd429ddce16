using BookingPortal.Features.Bookings;

namespace BookingPortal.Features.Booking;

public sealed partial class ReservationBatchWriter
{
    /// <summary>The seat counters of the candidates' slots, created for slots booked for the first time.</summary>
    private async Task<Dictionary<(int ServiceId, DateTime StartUtc), (long Id, bool HadFreeSeat)>> CountersAsync(
        BookingDbContext db, List<ReservationCandidate> candidates, CancellationToken cancellationToken)
    {
        var counters = await SlotInventoryStore.FindCountersAsync(
            db, candidates.Select(c => c.Service.Id).Distinct().ToList(), candidates.Select(c => c.Slot.StartUtc).Distinct().ToList(), cancellationToken);
        var firstBooked = candidates.Where(c => !counters.ContainsKey((c.Service.Id, c.Slot.StartUtc)))
            .Select(c => (ServiceId: c.Service.Id, c.Slot)).DistinctBy(s => (s.ServiceId, s.Slot.StartUtc)).ToList();
        if (firstBooked.Count > 0)
        {
            foreach (var (key, counter) in await inventory.EnsureCountersAsync(firstBooked, cancellationToken))
            {
                counters[key] = counter;
            }
        }

        return counters;
    }
}
