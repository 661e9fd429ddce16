namespace BookingPortal.Tests.Integration.Chaos;

/// <summary>
/// The operations on named practitioners: a booking that names one, a move to another time with another named,
/// and staff giving one an hour off over their bookings, reassigning each to a colleague or cancelling it, then
/// taking the time off back. Bookings of the practitioner services without a name ("any available") come from the
/// ordinary Book operations, and every other operation (cancel, pay, waitlist, no-show…) meets them too.
/// </summary>
public sealed partial class ChaosRun
{
    private async Task BookPractitionerAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.BookPractitioner);
        var service = PractitionerServiceIndex(op);
        var request = new ReserveRequest(Customer(op), world.Services[service], world.SlotStart(service, op.Slot), Key(op), PractitionerId: PractitionerOf(op));
        await Call(op, label, async s => Record(label, await s.GetRequiredService<BookingService>().ReserveAsync(request)));
    }

    private async Task MovePractitionerAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.MovePractitioner);
        var booking = await PickBookingAsync(op, label, b => b.PractitionerId != null && (b.Status == BookingStatus.PendingPayment || b.Status == BookingStatus.Confirmed));
        if (booking is null)
        {
            return;
        }

        var move = new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false, OtherSlot(op, booking), PractitionerOf(op));
        await Call(op, label, async s => Record(label, await s.GetRequiredService<BookingMover>().RescheduleAsync(move)));
    }

    /// <summary>An hour off over one of the slots; each booking in it reassigned to a colleague (the op's flag) or cancelled; then the hour given back.</summary>
    private Task TimeOffReassignAsync(ChaosOp op)
    {
        const string label = nameof(ChaosOpKind.TimeOffReassign);
        var practitionerId = PractitionerOf(op);
        var start = world.SlotStart(PractitionerServiceIndex(op), op.Slot);
        var hour = new ExceptionDraft
        {
            Kind = AvailabilityExceptionKind.TimeOff, FromDate = DateOnly.FromDateTime(start),
            FromTime = TimeOnly.FromDateTime(start), ToTime = TimeOnly.FromDateTime(start.AddHours(1)), Reason = "Chaos",
        };
        return Call(op, label, async s =>
        {
            var timeOff = s.GetRequiredService<TimeOffService>();
            var added = await timeOff.AddAsync(staff, practitionerId, hour);
            if (!Record(label, added.ExceptionId is not null, "refused"))
            {
                return;
            }

            foreach (var affected in added.Affected)
            {
                var colleagues = affected.Colleagues;
                _ = op.Flag && colleagues.Count > 0
                    ? Record(label + "/reassign", (await timeOff.ReassignAsync(staff, affected.Appointment, colleagues[op.Pick % colleagues.Count].Id)).Succeeded, "colleague not free")
                    : Record(label + "/cancel", (await timeOff.CancelAsync(staff, affected.Appointment)).Succeeded, "no longer there");
            }

            Record(label + "/back", await timeOff.RemoveAsync(staff, practitionerId, added.ExceptionId!.Value) is null, "already gone");
        });
    }

    private static int PractitionerServiceIndex(ChaosOp op) => ChaosWorld.FirstPractitionerServiceIndex + op.Service % 2;

    private int PractitionerOf(ChaosOp op) => world.Practitioners[op.Pick % world.Practitioners.Count];
}
