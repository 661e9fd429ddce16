namespace BookingPortal.Tests.Unit.Domain;

public class PersonalDataMaskTests
{
    [Theory]
    [InlineData("jane.doe@example.com", "j***@example.com")]
    [InlineData("x@y.org", "x***@y.org")]
    [InlineData("no-at-sign", "***")]
    [InlineData(null, "")]
    public void An_email_keeps_its_first_letter_and_domain(string? email, string expected) => PersonalDataMask.Email(email).Should().Be(expected);

    [Theory]
    [InlineData("+12125550100", "+*********00")]
    [InlineData("555 0100 22", "*******22")]
    [InlineData("123", "***")]
    public void A_phone_number_keeps_its_last_two_digits(string phone, string expected) => PersonalDataMask.Phone(phone).Should().Be(expected);

    [Fact]
    public void Free_text_from_a_provider_loses_every_address_and_number()
    {
        var scrubbed = PersonalDataMask.Scrub("400: The 'To' number +1 212 555 0100 is not valid for jane.doe@example.com (message 42)");

        scrubbed.Should().NotContain("jane.doe").And.NotContain("555 0100").And.Contain("j***@example.com").And.Contain("message 42");
    }
}
