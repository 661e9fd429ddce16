using BookingPortal.Features.Localization;

namespace BookingPortal.Features.Catalog;

/// <summary>A service's booking rules in the words a customer reads before booking, in their language.</summary>
public static class BookingRulesText
{
    public static IReadOnlyList<string> For(Service service, IStringLocalizer<PortalText> text, CultureInfo culture)
    {
        string Money(decimal amount) => DisplayFormat.Money(amount, service.Currency, culture);
        return
        [
            text["Book up to {0} ahead, and at least {1} before the appointment.",
                Count(text, service.MaxAdvanceBookingDays, "1 day", "{0} days"), Count(text, service.MinAdvanceBookingHours, "1 hour", "{0} hours")],
            text["You can hold up to {0} for this service at a time.",
                Count(text, service.MaxActiveBookingsPerCustomer, "1 upcoming booking", "{0} upcoming bookings")],
            service.DepositDueNow > 0
                ? text["A {0} deposit secures your booking; the rest ({1}) is paid at the appointment.", Money(service.DepositDueNow), Money(service.Price - service.DepositDueNow)]
                : text["No deposit: the full price ({0}) is paid at the appointment.", Money(service.Price)],
            Cancellation(service, text, culture),
            text["You can change the time online until {0} before the start; after that please contact reception.",
                Count(text, service.ChangesAllowedUntilHours, "1 hour", "{0} hours")],
            text["Please arrive on time: if you have not checked in {0} after the start, the appointment counts as missed.",
                Count(text, service.NoShowGraceMinutes, "1 minute", "{0} minutes")],
        ];
    }

    /// <summary>What cancelling late costs, as <see cref="BookingTerms"/> compares it: the booking page's summary says it too.</summary>
    public static string Cancellation(Service service, IStringLocalizer<PortalText> text, CultureInfo culture) =>
        BookingTerms.Of(service) is { CancellationFee: > 0 } terms
            ? text["Cancelling is free until {0} before the start; after that a {1} fee is kept from the deposit.",
                Count(text, terms.FreeCancellationHours, "1 hour", "{0} hours"), DisplayFormat.Money(terms.CancellationFee, service.Currency, culture)]
            : text["Cancelling is free."];

    public static string Location(Service service, IStringLocalizer<PortalText> text) => service.LocationKind == LocationKind.Virtual
        ? text["Online by video call: the link is on your confirmation."]
        : service.Address ?? text["In person"];

    /// <summary>"1 day" or "3 days", in the customer's language (both languages need only one and other).</summary>
    public static string Count(IStringLocalizer<PortalText> text, int count, string one, string other) =>
        count == 1 ? text[one] : text[other, count];
}
