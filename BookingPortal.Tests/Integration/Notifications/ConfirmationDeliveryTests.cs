namespace BookingPortal.Tests.Integration.Notifications;

/// <summary>
/// Production requires a confirmed address before a booking, and out of the box sends no mail: start-up
/// must say, at Error, that new customers cannot book, and name the keys that fix it.
/// </summary>
public class ConfirmationDeliveryTests
{
    private const string Sentence = "New customers cannot confirm their e-mail address, and so cannot book";

    [Fact]
    public async Task Production_without_e_mail_delivery_logs_an_error_that_new_customers_cannot_book()
    {
        await using var factory = new ProductionFactory([]);

        _ = factory.Services;

        factory.Log.Entries.Should().ContainSingle(e => e.Message.Contains(Sentence)).Which.Should().Match<(LogLevel Level, string Message, Exception?)>(e =>
            e.Level == LogLevel.Error && e.Message.Contains("'Notifications:SendGrid:ApiKey'") && e.Message.Contains("'Identity:RequireConfirmedEmail'"));
    }

    [Theory]
    [InlineData("Identity:RequireConfirmedEmail", "false")]
    [InlineData("Notifications:SendGrid:ApiKey", "SG.test")]
    public async Task With_the_requirement_off_or_e_mail_on_there_is_no_such_error(string key, string value)
    {
        await using var factory = new ProductionFactory(new()
        {
            [key] = value, ["Notifications:PortalBaseUrl"] = "https://portal.clinic.example/", ["Notifications:SendGrid:FromEmail"] = "bookings@clinic.example",
        });

        _ = factory.Services;

        factory.Log.Entries.Should().NotContain(e => e.Message.Contains(Sentence));
    }

    private sealed class ProductionFactory(Dictionary<string, string> settings) : PortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => settings.Append(new("Demo:Seed", "false"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
