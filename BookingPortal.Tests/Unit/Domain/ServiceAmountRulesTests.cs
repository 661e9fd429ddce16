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
