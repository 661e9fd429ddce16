using System.Globalization;

namespace BookingPortal.Tests.Unit.Features.Questions;

public class TypedNumberTests
{
    [Theory]
    [InlineData("es-ES", "3,5", "3.5")]
    [InlineData("es-ES", "72.5", "72.5")]
    [InlineData("es-ES", "1.500", "1500")]
    [InlineData("es-ES", "1.234,5", "1234.5")]
    [InlineData("es-ES", " 12 ", "12")]
    [InlineData("es-ES", "-0,25", "-0.25")]
    [InlineData("en-US", "3.5", "3.5")]
    [InlineData("en-US", "1,500", "1500")]
    [InlineData("en-US", "1,5", "1.5")]
    [InlineData("en-US", "1,234.5", "1234.5")]
    public void A_number_is_read_as_its_writer_meant_it(string culture, string typed, string meant) =>
        TypedNumber.Parse(typed, CultureInfo.GetCultureInfo(culture)).Should().Be(decimal.Parse(meant, CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("es-ES", "7.2.5")]
    [InlineData("es-ES", "1.2345,6")]
    [InlineData("en-US", "1,2,3")]
    [InlineData("en-US", "1.5,0")]
    [InlineData("en-US", "twelve")]
    [InlineData("en-US", "")]
    public void What_is_no_number_either_way_is_none(string culture, string typed) =>
        TypedNumber.Parse(typed, CultureInfo.GetCultureInfo(culture)).Should().BeNull();
}
