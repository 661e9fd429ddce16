using System.Globalization;

namespace BookingPortal.Tests.Unit.Features.Payments;

/// <summary>A customer back from paying a booking whose seat was already released is told the money is coming back, in their language.</summary>
public class LatePaymentNoteTests
{
    private static readonly DateTime Start = new(2026, 3, 11, 14, 0, 0, DateTimeKind.Utc);

    private static BookingView Booking(bool paidAfterItEnded) => new(
        Guid.NewGuid(), "ABCD-EFGH", "customer", 1, "Consultation", BookingStatus.Cancelled, Start, Start.AddHours(1),
        new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.FromHours(-4)), new DateTimeOffset(2026, 3, 11, 11, 0, 0, TimeSpan.FromHours(-4)),
        "America/New_York", 60, LocationKind.InPerson, "1 Main Street", null, 200m, 50m, "USD", Start.AddDays(-10))
    {
        PaidAfterItEnded = paidAfterItEnded,
        // Charged 50, not yet refunded.
        Ledger = new LedgerSummary(Owed: 0m, Paid: 50m, Refunded: 0m, Retained: 0m),
    };

    [Fact]
    public void A_payment_that_came_after_the_seat_was_released_is_said_to_be_refunded()
    {
        var note = LatePaymentNote.For(Booking(paidAfterItEnded: true), Localization.PortalText(), CultureInfo.GetCultureInfo("en-US"));

        note.Should().Be("Your payment of $50.00 arrived after the seat had been released, so this booking could not be confirmed. A refund of $50.00 is on its way to your card.");
    }

    [Fact]
    public void In_Spanish_the_note_is_in_Spanish()
    {
        using var spanish = Localization.InCulture("es-ES");

        var note = LatePaymentNote.For(Booking(paidAfterItEnded: true), Localization.PortalText(), CultureInfo.CurrentCulture);

        note.Should().StartWith("Su pago de ").And.Contain("reembolso");
    }

    [Fact]
    public void A_booking_cancelled_with_no_late_payment_has_no_note() =>
        LatePaymentNote.For(Booking(paidAfterItEnded: false), Localization.PortalText(), CultureInfo.GetCultureInfo("en-US")).Should().BeNull();
}
