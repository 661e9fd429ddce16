namespace BookingPortal.Tests.Unit.Domain;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("+1 212 555 0100", "+12125550100")]
    [InlineData("+44 (20) 7946-0958", "+442079460958")]
    [InlineData("0049 30 1234567", "+49301234567")]
    [InlineData("+34.612.345.678", "+34612345678")]
    public void Numbers_with_a_country_code_are_normalised_to_E164(string typed, string expected)
    {
        PhoneNumber.TryNormalize(typed, out var e164).Should().BeTrue();
        e164.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("212 555 0100")]
    [InlineData("+0 212 555 0100")]
    [InlineData("+1 212 555 01x0")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    public void Numbers_without_a_country_code_or_with_letters_or_the_wrong_length_are_refused(string typed)
    {
        PhoneNumber.TryNormalize(typed, out _).Should().BeFalse();
    }
}
