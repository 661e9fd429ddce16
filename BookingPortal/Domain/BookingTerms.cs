namespace BookingPortal.Domain;

/// <summary>
/// The money terms of a booking as its summary shows them: the price, the deposit due now, and what cancelling late
/// costs. A customer books on the terms they were shown (<see cref="BookingError.TermsChanged"/>).
/// </summary>
public sealed record BookingTerms(decimal Price, decimal Deposit, string Currency, int FreeCancellationHours, decimal CancellationFee)
{
    /// <summary>
    /// The late fee as it is kept (never more than the deposit) and its hours only where one is kept: with no deposit
    /// cancelling is free whatever the service's fee says, so an edit of the fee changes nothing a customer books on.
    /// </summary>
    public static BookingTerms Of(Service service)
    {
        var fee = Math.Min(service.CancellationFee, service.DepositDueNow);
        return fee > 0
            ? new(service.Price, service.DepositDueNow, service.Currency, service.FreeCancellationHours, fee)
            : new(service.Price, service.DepositDueNow, service.Currency, 0, 0m);
    }
}
