namespace BookingPortal.Tests.Unit.Domain;

public class ConfirmationNumberTests
{
    [Fact]
    public void Numbers_are_two_groups_of_four_unambiguous_symbols()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var number = ConfirmationNumber.New();

            number.Should().MatchRegex("^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$");
            ConfirmationNumber.IsWellFormed(number).Should().BeTrue();
        }
    }

    [Fact]
    public void The_alphabet_leaves_out_symbols_people_confuse() =>
        ConfirmationNumber.Alphabet.Should().NotContainAny("0", "O", "1", "I");

    [Fact]
    public void Ten_thousand_numbers_do_not_repeat_and_use_the_whole_alphabet()
    {
        var numbers = Enumerable.Range(0, 10_000).Select(_ => ConfirmationNumber.New()).ToList();

        numbers.Should().OnlyHaveUniqueItems();
        numbers.SelectMany(n => n.Replace("-", "")).Distinct().Should().HaveCount(ConfirmationNumber.Alphabet.Length);
    }

    [Theory]
    [InlineData("abcd-efgh", "ABCD-EFGH")]
    [InlineData(" abcd efgh ", "ABCD-EFGH")]
    [InlineData("ABCDEFGH", "ABCD-EFGH")]
    public void What_people_type_is_normalised(string typed, string expected) =>
        ConfirmationNumber.Normalize(typed).Should().Be(expected);

    [Theory]
    [InlineData("ABCD-EFG0")]
    [InlineData("ABCD-EFGI")]
    [InlineData("ABCDEFGH")]
    [InlineData("ABC-DEFGH")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_numbers_are_recognised(string? value) =>
        ConfirmationNumber.IsWellFormed(value).Should().BeFalse();

    [Fact]
    public void Consecutive_numbers_do_not_share_a_predictable_prefix()
    {
        // A counter would keep the first group for thousands of bookings; random draws almost never do.
        var prefixes = Enumerable.Range(0, 200).Select(_ => ConfirmationNumber.New()[..4]).Distinct().Count();

        prefixes.Should().BeGreaterThan(190);
    }
}
