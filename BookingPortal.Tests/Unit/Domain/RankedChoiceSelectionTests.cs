namespace BookingPortal.Tests.Unit.Domain;

public class RankedChoiceSelectionTests
{
    private static readonly DateTime Nine = new(2026, 3, 9, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Ten = Nine.AddHours(1);
    private static readonly DateTime Eleven = Nine.AddHours(2);

    [Fact]
    public void Everyone_is_first_proposed_their_best_choice_in_admission_order()
    {
        var selection = new RankedChoiceSelection<string>([("first", [Nine, Ten]), ("second", [Nine, Eleven])]);

        selection.NextRound().Should().Equal(("first", Nine), ("second", Nine));
    }

    [Fact]
    public void A_slot_found_full_is_skipped_by_everyone_and_a_booked_customer_is_not_proposed_again()
    {
        var selection = new RankedChoiceSelection<string>([("first", [Nine, Ten]), ("second", [Nine, Ten]), ("third", [Ten, Nine, Eleven])]);
        selection.NextRound();

        selection.Decided("first");
        selection.SlotFull("second", Nine);
        selection.Decided("third");
        selection.NextRound().Should().Equal([("second", Ten)], "the second moves to their second choice; the first and third are decided");

        selection.SlotFull("second", Ten);
        selection.NextRound().Should().BeEmpty();
        selection.Exhausted.Should().Equal("second");
    }

    [Fact]
    public void A_slot_gone_before_the_first_round_is_never_proposed()
    {
        var selection = new RankedChoiceSelection<int>([(1, [Nine, Ten, Eleven])]);
        selection.Gone(Nine);
        selection.Gone(Ten);

        selection.NextRound().Should().Equal((1, Eleven));
    }

    [Fact]
    public void No_practitioner_free_moves_only_that_customer_on_and_leaves_the_slot_to_others()
    {
        var selection = new RankedChoiceSelection<string>([("a", [Nine, Ten]), ("b", [Ten, Nine])]);
        selection.NextRound();

        selection.MoveOn("a");
        selection.MoveOn("b");

        selection.NextRound().Should().Equal(("a", Ten), ("b", Nine));
    }
}
