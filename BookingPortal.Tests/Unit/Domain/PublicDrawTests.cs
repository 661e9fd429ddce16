namespace BookingPortal.Tests.Unit.Domain;

public class PublicDrawTests
{
    private static readonly string Seed = QueueFairness.NewSeed();
    private static readonly IReadOnlyList<string> Entries = Enumerable.Range(1, 200).Select(id => PublicDraw.EntryCode(Seed, id)).ToList();
    private static readonly IReadOnlyList<string> Drawn = PublicDraw.Order(Seed, Entries);

    private static DrawCheck Check(string seed, IReadOnlyList<string> entries, IReadOnlyList<string> order) =>
        PublicDraw.Verify(PublicDraw.Commitment(Seed), seed, [(entries, order)]);

    /// <summary>A copy of the list with two places exchanged: the smallest change a check must catch.</summary>
    private static List<string> Swapped(IReadOnlyList<string> list, int first, int second)
    {
        var copy = list.ToList();
        (copy[first], copy[second]) = (copy[second], copy[first]);
        return copy;
    }

    [Fact]
    public void The_published_draw_checks_out_and_is_a_shuffle_of_the_entries()
    {
        Check(Seed, Entries, Drawn).Should().Be(DrawCheck.Verified);
        Drawn.Should().BeEquivalentTo(Entries).And.NotEqual(Entries);
        Entries.Should().OnlyHaveUniqueItems().And.OnlyContain(code => code.Length == PublicDraw.CodeLength);
    }

    [Fact]
    public void A_changed_seed_does_not_match_the_commitment()
    {
        var other = QueueFairness.NewSeed();

        Check(other, Entries, PublicDraw.Order(other, Entries)).Should().Be(DrawCheck.SeedDoesNotMatchCommitment);
    }

    [Fact]
    public void An_entry_moved_in_the_join_order_is_detected() =>
        Check(Seed, Swapped(Entries, 3, 150), Drawn).Should().Be(DrawCheck.OrderDiffers);

    [Fact]
    public void An_entry_dropped_from_the_list_and_the_order_is_detected()
    {
        var dropped = Entries[42];

        Check(Seed, Entries.Where(e => e != dropped).ToList(), Drawn.Where(e => e != dropped).ToList()).Should().Be(DrawCheck.OrderDiffers);
    }

    [Fact]
    public void Two_places_swapped_in_the_order_are_detected() =>
        Check(Seed, Entries, Swapped(Drawn, 0, 1)).Should().Be(DrawCheck.OrderDiffers);

    [Fact]
    public void A_seed_that_is_not_hexadecimal_is_refused_rather_than_thrown() =>
        PublicDraw.Verify(PublicDraw.Commitment(Seed), "not-hex", [(Entries, Drawn)]).Should().Be(DrawCheck.SeedDoesNotMatchCommitment);
}
