namespace BookingPortal.Domain;

/// <summary>
/// The money terms a booking copies from its service when it is made: the price, the deposit due now, and what
/// cancelling late costs. A customer books on the terms they were shown (<see cref="BookingError.TermsChanged"/>).
/// </summary>
public sealed record BookingTerms(decimal Price, decimal Deposit, string Currency, int FreeCancellationHours, decimal CancellationFee)
{
    public static BookingTerms Of(Service service) =>
        new(service.Price, service.DepositDueNow, service.Currency, service.FreeCancellationHours, service.CancellationFee);
}
