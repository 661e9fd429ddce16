namespace BookingPortal.Tests.Unit.Domain;

/// <summary>A booking's terms compare what its summary shows, not every field behind it.</summary>
public class BookingTermsTests
{
    [Fact]
    public void A_late_fee_is_compared_as_it_is_kept_never_more_than_the_deposit()
    {
        var service = DemoServices.Consultation();
        service.CancellationFee = service.DepositDueNow + 10m;
        var shown = BookingTerms.Of(service);

        service.CancellationFee += 10m;

        shown.CancellationFee.Should().Be(service.DepositDueNow);
        BookingTerms.Of(service).Should().Be(shown, "either fee keeps the whole deposit");
        service.FreeCancellationHours = 24;
        BookingTerms.Of(service).Should().NotBe(shown, "when the fee starts is a term the customer reads");
    }

    [Fact]
    public void Without_a_deposit_cancelling_is_free_whatever_the_fee_and_its_hours_say()
    {
        var service = DemoServices.Consultation();
        service.RequireDeposit = false;
        var shown = BookingTerms.Of(service);

        service.CancellationFee = 80m;
        service.FreeCancellationHours = 12;

        BookingTerms.Of(service).Should().Be(shown);
        service.Price += 10m;
        BookingTerms.Of(service).Should().NotBe(shown, "the price is shown");
    }
}
