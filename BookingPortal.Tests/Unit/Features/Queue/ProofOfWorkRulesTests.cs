namespace BookingPortal.Tests.Unit.Features.Queue;

public class ProofOfWorkRulesTests
{
    private static readonly ProofOfWorkOptions Options = new() { BaseDifficulty = 16, FreeJoinsPerNetwork = 4, LoadStep = 2_000 };

    /// <summary>The nonce a browser would find, found the same way: the first that meets the difficulty.</summary>
    internal static string Solve(string challenge, int difficulty) =>
        Enumerable.Range(0, int.MaxValue).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(nonce => ProofOfWorkRules.IsSolution(challenge, nonce, difficulty));

    [Fact]
    public void A_found_nonce_is_accepted_and_the_same_nonce_fails_a_harder_or_another_challenge()
    {
        var challenge = ProofOfWorkRules.NewChallenge();
        var nonce = Solve(challenge, 10);

        ProofOfWorkRules.IsSolution(challenge, nonce, 10).Should().BeTrue();
        ProofOfWorkRules.IsSolution(ProofOfWorkRules.NewChallenge(), nonce, 10).Should().BeFalse("a solution is bound to its challenge (this holds with odds of 1023 in 1024)");
    }

    [Theory]
    [InlineData("")]
    [InlineData("12a")]
    [InlineData("-1")]
    [InlineData("123456789012345678901")]
    public void Nonces_that_are_not_short_decimal_numbers_are_refused(string nonce) =>
        ProofOfWorkRules.IsSolution("c", nonce, 0).Should().BeFalse();

    [Fact]
    public void Leading_zero_bits_are_counted_across_bytes() =>
        ProofOfWorkRules.LeadingZeroBits([0, 0, 0b0001_0000, 0xFF]).Should().Be(19);

    [Theory]
    [InlineData(0, 0, 16)]
    [InlineData(3, 0, 16)]
    [InlineData(4, 0, 17)]
    [InlineData(8, 0, 18)]
    [InlineData(999, 0, 24)]
    [InlineData(0, 2_000, 17)]
    [InlineData(0, 16_000, 20)]
    public void Difficulty_rises_with_each_doubling_of_joins_from_one_network_and_of_the_crowd(int fromNetwork, int inOpening, int expected) =>
        ProofOfWorkRules.Difficulty(Options, fromNetwork, inOpening).Should().Be(expected);

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:1:2:aaaa::1", "20010db800010002::/64")]
    [InlineData(null, "unknown")]
    [InlineData("not an address", "unknown")]
    public void Repeated_joins_are_counted_per_network(string? address, string network) =>
        ProofOfWorkRules.NetworkOf(address).Should().Be(network);

    [Fact]
    public void The_paced_wait_doubles_with_each_bit() =>
        ProofOfWorkRules.PacedWait(new ProofOfWorkOptions { BaseDifficulty = 16, PacedSecondsAtBase = 30 }, 18).Should().Be(TimeSpan.FromMinutes(2));

    [Fact]
    public void Settings_out_of_range_stop_start_up_with_each_key_named()
    {
        var result = new ProofOfWorkOptionsValidator().Validate(null, new ProofOfWorkOptions { BaseDifficulty = 27, LoadStep = 0 });

        result.Failures.Should().Equal(
            "'Queue:ProofOfWork:BaseDifficulty' must be between 1 and 26 (was 27).",
            "'Queue:ProofOfWork:LoadStep' must be between 1 and 10000000 (was 0).");
        new ProofOfWorkOptionsValidator().Validate(null, new ProofOfWorkOptions()).Succeeded.Should().BeTrue();
    }
}
