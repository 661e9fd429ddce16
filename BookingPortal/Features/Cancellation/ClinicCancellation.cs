namespace BookingPortal.Features.Cancellation;

/// <summary>
/// Staff cancel a booking for the clinic's own reasons (its slot closed, its practitioner away): the fee is
/// waived so the deposit comes back in full, the customer is told, and the seat goes where any freed seat goes
/// (to the waitlist while the slot is open). Only while the booking is still on the slot staff saw: one its
/// customer moved away meanwhile (or, cancelling for a practitioner who is away, one a colleague took over) is not
/// the clinic's to cancel.
/// </summary>
[ScopedService]
public sealed class ClinicCancellation(CancellationService cancellations)
{
    public Task<CancelResult> CancelAsync(
        string staffUserId, string confirmationNumber, long onSlotInventoryId, string reason, int? withPractitionerId = null, CancellationToken cancellationToken = default) =>
        cancellations.CancelAsync(
            new CancelRequest(confirmationNumber, staffUserId, IsStaff: true, WaiveFee: true, Reason: reason, OnlyOnSlotInventoryId: onSlotInventoryId,
                OnlyWithPractitionerId: withPractitionerId), cancellationToken);
}
