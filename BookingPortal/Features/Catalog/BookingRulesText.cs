using BookingPortal.Domain;

namespace BookingPortal.Features.Catalog;

/// <summary>A service's booking rules in the words a customer reads before booking.</summary>
public static class BookingRulesText
{
    public static IReadOnlyList<string> For(Service service)
    {
        var rules = new List<string>
        {
            $"Book up to {Plural(service.MaxAdvanceBookingDays, "day")} ahead, and at least {Plural(service.MinAdvanceBookingHours, "hour")} before the appointment.",
            $"You can hold up to {Plural(service.MaxActiveBookingsPerCustomer, "upcoming booking")} for this service at a time.",
            service.DepositDueNow > 0
                ? $"A {DisplayFormat.Money(service.DepositDueNow, service.Currency)} deposit secures your booking; the rest ({DisplayFormat.Money(service.Price - service.DepositDueNow, service.Currency)}) is paid at the appointment."
                : $"No deposit: the full price ({DisplayFormat.Money(service.Price, service.Currency)}) is paid at the appointment.",
            service.CancellationFee > 0 && service.DepositDueNow > 0
                ? $"Cancelling is free until {Plural(service.FreeCancellationHours, "hour")} before the start; after that a {DisplayFormat.Money(Math.Min(service.CancellationFee, service.DepositDueNow), service.Currency)} fee is kept from the deposit."
                : "Cancelling is free.",
            $"Please arrive on time: if you have not checked in {Plural(service.NoShowGraceMinutes, "minute")} after the start, the appointment counts as missed.",
        };
        return rules;
    }

    public static string Location(Service service) => service.LocationKind == LocationKind.Virtual
        ? "Online by video call: the link is on your confirmation."
        : service.Address ?? "In person";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
