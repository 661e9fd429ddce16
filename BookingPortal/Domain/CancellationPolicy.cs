namespace BookingPortal.Domain;

/// <summary>What cancelling a booking at a given instant costs, in money and in words.</summary>
public sealed record CancellationQuote(
    decimal Deposit,
    decimal FeeRetained,
    decimal Refund,
    DateTime FreeUntilUtc,
    bool IsFree,
    bool FeeWaived);

public enum CancellationRefusal
{
    AlreadyEnded,
    Started,
}

/// <summary>
/// Free until FreeCancellationHours before the start (that instant included); after it the fee,
/// capped at the deposit, is kept and the rest refunded. Once the appointment has started a
/// customer can no longer cancel (it is then a visit or a no-show); staff still can.
/// </summary>
public static class CancellationPolicy
{
    public static CancellationRefusal? CheckAllowed(Booking booking, DateTime nowUtc, bool byStaff)
    {
        if (!Booking.ActiveStatuses.Contains(booking.Status))
        {
            return CancellationRefusal.AlreadyEnded;
        }

        return !byStaff && nowUtc >= booking.StartUtc ? CancellationRefusal.Started : null;
    }

    /// <summary>On the terms the booking was made under (<see cref="Booking.FreeCancellationHours"/>), not the service's today.</summary>
    public static CancellationQuote Quote(Booking booking, DateTime nowUtc, bool waiveFee = false)
    {
        var freeUntil = booking.StartUtc.AddHours(-booking.FreeCancellationHours);
        // Nothing was agreed or charged while a request waits for staff or a hold waits for its deposit, so withdrawing
        // it never costs a fee: a payment still on its way is refunded whole, as it is when the hold lapses unpaid.
        var isFree = nowUtc <= freeUntil || booking.Status is BookingStatus.AwaitingApproval or BookingStatus.PendingPayment;
        var fee = isFree || waiveFee ? 0m : Math.Min(booking.CancellationFee, booking.DepositAmount);
        return new CancellationQuote(booking.DepositAmount, fee, booking.DepositAmount - fee, freeUntil, isFree, waiveFee && !isFree);
    }
}
