namespace BookingPortal.Domain;

/// <summary>A confirmed booking nobody checked in for by start + grace is a no-show; the deposit is forfeited.</summary>
public static class NoShowPolicy
{
    /// <summary>Given as the latest start that is due, so a query compares a column with a value and takes due bookings only.</summary>
    public static DateTime DueIfStartedByUtc(int graceMinutes, DateTime nowUtc) => nowUtc.AddMinutes(-graceMinutes);
}
