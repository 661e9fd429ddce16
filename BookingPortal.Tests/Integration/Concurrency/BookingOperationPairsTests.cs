namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>
/// Every pair of operations on one booking, at each stage a booking passes through on a portal that takes deposits at
/// reception (see <see cref="OperationPairRuns"/>). The curated pairs in <see cref="BookingPairRaceTests"/> say what
/// each outcome is; this says no pair is missed.
/// </summary>
public class BookingOperationPairsTests(ITestOutputHelper output) : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public Task Every_pair_on_a_booking_a_week_ahead_ends_as_one_order_of_the_two() => Runs.EveryPairEndsAsOneOrderAsync(BookingStage.WeekAhead);

    [Fact]
    public Task Every_pair_on_a_visit_past_its_grace_ends_as_one_order_of_the_two() => Runs.EveryPairEndsAsOneOrderAsync(BookingStage.PastGrace);

    [Fact]
    public Task Every_pair_on_a_no_show_ends_as_one_order_of_the_two() => Runs.EveryPairEndsAsOneOrderAsync(BookingStage.NoShow);

    [Fact]
    public Task Every_pair_on_a_booking_with_a_named_practitioner_ends_as_one_order_of_the_two() => Runs.EveryPairEndsAsOneOrderAsync(BookingStage.WithPractitioner);

    [Fact]
    public Task Every_pair_on_a_request_awaiting_approval_ends_as_one_order_of_the_two() => Runs.EveryPairEndsAsOneOrderAsync(BookingStage.AwaitingApproval);

    [Fact]
    public Task Every_pair_on_a_request_at_its_approval_deadline_ends_as_one_order_of_the_two() => Runs.EveryPairEndsAsOneOrderAsync(BookingStage.ApprovalDue);

    private OperationPairRuns Runs => new(factory, output);
}

/// <summary>The same pairs on PostgreSQL, where row locks and deadlock detection are the server's.</summary>
public class BookingOperationPairsOnPostgresTests(ITestOutputHelper output) : BookingOperationPairsTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>
/// Every pair of operations on one booking whose deposit is paid online, through the real Stripe client against the
/// stand-in: held with the hold running, held past its end, and paid. Money must move once: one charge, one refund at most.
/// </summary>
public class PaidBookingOperationPairsTests(ITestOutputHelper output) : StripeSuite(scheduledJobs: false)
{
    [Fact]
    public Task Every_pair_on_a_held_booking_ends_as_one_order_of_the_two() => Runs.EveryPairEndsAsOneOrderAsync(BookingStage.Held);

    [Fact]
    public Task Every_pair_on_a_booking_whose_hold_just_ended_ends_as_one_order_of_the_two() => Runs.EveryPairEndsAsOneOrderAsync(BookingStage.HoldLapsed);

    [Fact]
    public Task Every_pair_on_a_paid_booking_ends_as_one_order_of_the_two() => Runs.EveryPairEndsAsOneOrderAsync(BookingStage.Paid);

    private OperationPairRuns Runs => new(factory, output, stripe);
}

/// <summary>The same pairs on PostgreSQL.</summary>
public class PaidBookingOperationPairsOnPostgresTests(ITestOutputHelper output) : PaidBookingOperationPairsTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
