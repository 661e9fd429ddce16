namespace BookingPortal.Tests.Unit.Domain;

/// <summary>A service's money is what the money columns (2 decimals) and the card gateway can hold, or it is refused beside its field.</summary>
public class ServiceAmountRulesTests
{
    [Theory]
    [InlineData(nameof(Service.Price), "10000000000000000", "Keep the price to 999,999.99 or less.")]
    [InlineData(nameof(Service.Price), "200.005", "Give the price in whole cents, such as 12.50.")]
    [InlineData(nameof(Service.DepositAmount), "50.001", "Give the deposit in whole cents, such as 12.50.")]
    [InlineData(nameof(Service.CancellationFee), "1000000", "Keep the cancellation fee to 999,999.99 or less.")]
    public void An_amount_the_columns_cannot_hold_is_refused_beside_its_field(string field, string amount, string message)
    {
        var service = WithAmount(field, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));

        ServiceRules.Validate(service).Where(e => e.Field == field).Select(e => e.Message).Should().Contain(message);
    }

    [Theory]
    [InlineData("JPY", "5000.50", false)]
    [InlineData("JPY", "5000", true)]
    [InlineData("KRW", "0.5", false)]
    [InlineData("ISK", "1500", true)]
    [InlineData("EUR", "12.50", true)]
    [InlineData("KWD", "12.505", false)]
    public void A_currency_without_cents_takes_whole_amounts_only(string currency, string deposit, bool accepted)
    {
        var service = DemoServices.Consultation();
        service.Currency = currency;
        service.Price = 20_000m;
        service.DepositAmount = decimal.Parse(deposit, System.Globalization.CultureInfo.InvariantCulture);

        var errors = ServiceRules.Validate(service).Where(e => e.Field == nameof(Service.DepositAmount)).Select(e => e.Message);

        if (accepted)
        {
            errors.Should().BeEmpty();
        }
        else
        {
            errors.Should().ContainSingle().Which.Should().StartWith("Give the deposit in whole ").And.Contain(currency == "KWD" ? "cents" : $"{currency} has no smaller unit");
        }
    }

    [Fact]
    public void The_largest_amounts_in_whole_cents_are_accepted()
    {
        var service = WithAmount(nameof(Service.Price), ServiceRules.MaxAmount);
        service.DepositAmount = 0.01m;
        service.CancellationFee = ServiceRules.MaxAmount;

        ServiceRules.Validate(service).Should().BeEmpty();
    }

    private static Service WithAmount(string field, decimal amount)
    {
        var service = DemoServices.Consultation();
        typeof(Service).GetProperty(field)!.SetValue(service, amount);
        return service;
    }
}
