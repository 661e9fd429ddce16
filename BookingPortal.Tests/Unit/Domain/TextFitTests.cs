namespace BookingPortal.Tests.Unit.Domain;

/// <summary>Text cut to a column: within its length, marked as cut, and never through half of an emoji.</summary>
public class TextFitTests
{
    [Fact]
    public void Text_that_fits_is_left_as_it_is() => TextFit.Cut("Your visit", 10).Should().Be("Your visit");

    [Fact]
    public void Longer_text_is_cut_to_the_length_with_an_ellipsis() => TextFit.Cut("Your visit at 12 Harbour Street", 14).Should().Be("Your visit at…");

    [Fact]
    public void A_cut_never_keeps_half_of_an_emoji()
    {
        // "🙂" is two UTF-16 units; a cut at 6 would keep the first of them, which PostgreSQL refuses to store.
        var cut = TextFit.Cut("abcd🙂 and more", 6);

        cut.Should().Be("abcd…");
        cut.Any(char.IsSurrogate).Should().BeFalse();
    }
}
