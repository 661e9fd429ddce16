namespace BookingPortal.Tests.Unit.Domain;

public class BookingRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);
    private readonly Service service = DemoServices.Consultation();

    [Fact]
    public void A_slot_exactly_at_the_minimum_notice_can_be_booked() =>
        BookingRules.CheckWindow(service, Now.AddHours(24), Now).Should().BeNull();

    [Fact]
    public void A_slot_one_second_inside_the_minimum_notice_is_too_soon() =>
        BookingRules.CheckWindow(service, Now.AddHours(24).AddSeconds(-1), Now).Should().Be(BookingError.TooSoon);

    [Fact]
    public void A_slot_in_the_past_is_too_soon() =>
        BookingRules.CheckWindow(service, Now.AddDays(-1), Now).Should().Be(BookingError.TooSoon);

    [Fact]
    public void A_slot_exactly_at_the_maximum_advance_can_be_booked() =>
        BookingRules.CheckWindow(service, Now.AddDays(30), Now).Should().BeNull();

    [Fact]
    public void A_slot_past_the_maximum_advance_is_too_far_ahead() =>
        BookingRules.CheckWindow(service, Now.AddDays(30).AddSeconds(1), Now).Should().Be(BookingError.TooFarAhead);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void The_per_customer_limit_counts_active_bookings(int active, bool reached) =>
        BookingRules.HasReachedLimit(service, active).Should().Be(reached);

    [Fact]
    public void The_bookable_dates_run_from_the_first_to_the_last_local_day_of_the_window()
    {
        // 12:00 UTC is 07:00 in New York: +24 h is Tuesday 3 March, +30 days is Wednesday 1 April.
        var (first, last) = BookingRules.BookableDates(service, Now);

        first.Should().Be(new DateOnly(2026, 3, 3));
        last.Should().Be(new DateOnly(2026, 4, 1));
    }

    [Theory]
    [InlineData(BookingError.SlotFull, "just taken")]
    [InlineData(BookingError.LimitReached, "2 upcoming bookings")]
    [InlineData(BookingError.TooSoon, "24 hours in advance")]
    [InlineData(BookingError.TooFarAhead, "30 days in advance")]
    public void Every_refusal_has_a_message_in_plain_words(BookingError error, string expected) =>
        BookingRules.Describe(error, service).Should().Contain(expected);
}
