namespace BookingPortal.Tests.Unit.Domain;

public class MoveRulesTests
{
    private static readonly DateTime Start = new(2026, 3, 11, 14, 0, 0, DateTimeKind.Utc);
    private readonly Service service = DemoServices.Consultation();
    private readonly Booking booking = new()
    {
        ConfirmationNumber = "ABCD-EFGH", CustomerId = "c", Currency = "USD", IdempotencyKey = "k", StartUtc = Start, EndUtc = Start.AddHours(1),
        FreeCancellationHours = 48,
    };

    private int Cutoff => MoveRules.ChangesCloseHours(service, booking);

    [Fact]
    public void Exactly_at_the_cutoff_the_customer_may_still_move()
    {
        var window = MoveRules.WindowFor(Cutoff, Start, Start.AddHours(-48));

        window.Should().Be(new MoveWindow(Start.AddHours(-48), IsOpen: true));
        MoveRules.CheckCutoff(Cutoff, Start, Start.AddHours(-48), byStaff: false).Should().BeNull();
    }

    [Fact]
    public void One_tick_after_the_cutoff_the_customer_is_refused_and_staff_are_not()
    {
        var now = Start.AddHours(-48).AddTicks(1);

        MoveRules.WindowFor(Cutoff, Start, now).IsOpen.Should().BeFalse();
        MoveRules.CheckCutoff(Cutoff, Start, now, byStaff: false).Should().Be(BookingError.ChangeWindowClosed);
        MoveRules.CheckCutoff(Cutoff, Start, now, byStaff: true).Should().BeNull();
    }

    [Fact]
    public void The_cutoff_follows_the_services_setting()
    {
        service.ChangesAllowedUntilHours = 72;

        MoveRules.CheckCutoff(Cutoff, Start, Start.AddHours(-60), byStaff: false).Should().Be(BookingError.ChangeWindowClosed);
        MoveRules.WindowFor(Cutoff, Start, Start.AddHours(-72)).ClosesAtUtc.Should().Be(Start.AddHours(-72));
    }

    [Fact]
    public void Windows_staff_shorten_after_the_booking_still_close_moves_when_its_own_free_cancellation_ends()
    {
        booking.FreeCancellationHours = 168;
        (service.ChangesAllowedUntilHours, service.FreeCancellationHours) = (24, 24);

        MoveRules.ChangesCloseHours(service, booking).Should().Be(168);
        MoveRules.CheckCutoff(Cutoff, Start, Start.AddHours(-72), byStaff: false)
            .Should().Be(BookingError.ChangeWindowClosed, "moved out of its fee window, it could then be cancelled for free");
    }

    [Fact]
    public void Staff_act_for_the_customer_only_on_someone_elses_booking()
    {
        MoveRules.ActsForCustomer(userIsStaff: true, "staff", "customer").Should().BeTrue();
        MoveRules.ActsForCustomer(userIsStaff: true, "staff", "staff").Should().BeFalse("staff moving their own booking follow the customer rules");
        MoveRules.ActsForCustomer(userIsStaff: false, "customer", "other").Should().BeFalse();
    }

    [Theory]
    [InlineData(47, 48, "dodge the late-cancellation fee")]
    [InlineData(-1, 0, "between 0 and 8,760 hours")]
    [InlineData(8761, 48, "between 0 and 8,760 hours")]
    public void The_cutoff_is_refused_beside_its_field_inside_the_fee_window_or_out_of_range(int changesHours, int freeCancellationHours, string message)
    {
        service.ChangesAllowedUntilHours = changesHours;
        service.FreeCancellationHours = freeCancellationHours;

        ServiceRules.Validate(service).Should().Contain(e => e.Field == nameof(Service.ChangesAllowedUntilHours) && e.Message.Contains(message));
    }

    [Theory]
    [InlineData(48, 48)]
    [InlineData(8760, 1440)]
    [InlineData(0, 0)]
    public void A_cutoff_at_or_before_the_end_of_free_cancellation_is_accepted(int changesHours, int freeCancellationHours)
    {
        service.ChangesAllowedUntilHours = changesHours;
        service.FreeCancellationHours = freeCancellationHours;

        ServiceRules.Validate(service).Should().BeEmpty();
    }
}
