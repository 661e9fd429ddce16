namespace BookingPortal.Domain;

/// <summary>When a customer may still move a booking to another time.</summary>
/// <param name="ClosesAtUtc">The last instant a customer may move it online (that instant included).</param>
/// <param name="IsOpen">Whether the customer may move it at the instant asked about.</param>
public sealed record MoveWindow(DateTime ClosesAtUtc, bool IsOpen);

/// <summary>
/// A move is a booking (DESIGN.md §4): the new slot obeys what a new booking would, and a customer
/// may move only until the service's change cutoff, which is never inside the late-cancellation fee
/// window (otherwise "move out of the window, then cancel for free" would dodge the fee). Staff acting
/// for the customer at the desk may move later. Pure rules; the caller supplies the instant.
/// </summary>
public static class MoveRules
{
    /// <summary>
    /// How many hours before its start a booking stops being movable online: the service's cutoff, or the end of the
    /// free cancellation the booking was made under if that is earlier. Staff shortening both windows after the
    /// booking would otherwise let it move out of its own fee window and then be cancelled for free.
    /// </summary>
    public static int ChangesCloseHours(Service service, Booking booking) => Math.Max(service.ChangesAllowedUntilHours, booking.FreeCancellationHours);

    public static MoveWindow WindowFor(int changesAllowedUntilHours, DateTime currentStartUtc, DateTime nowUtc)
    {
        var closesAt = currentStartUtc.AddHours(-changesAllowedUntilHours);
        return new MoveWindow(closesAt, nowUtc <= closesAt);
    }

    /// <summary>The cutoff's refusal, if any, for moving a booking that now starts at <paramref name="currentStartUtc"/>.</summary>
    /// <param name="changesCloseHours">From <see cref="ChangesCloseHours"/>.</param>
    public static BookingError? CheckCutoff(int changesCloseHours, DateTime currentStartUtc, DateTime nowUtc, bool byStaff) =>
        byStaff || WindowFor(changesCloseHours, currentStartUtc, nowUtc).IsOpen ? null : BookingError.ChangeWindowClosed;

    /// <summary>Staff act for a customer when they move someone else's booking; their own booking follows the customer rules.</summary>
    public static bool ActsForCustomer(bool userIsStaff, string userId, string bookingCustomerId) =>
        userIsStaff && userId != bookingCustomerId;
}
