using BookingPortal.Features.Accounts;
using static BookingPortal.Tests.Integration.Concurrency.BookingPairRaceTests;

namespace BookingPortal.Tests.Integration.Concurrency;

/// <summary>
/// More pairs on one booking: two receptionists at the desk (check in, no-show, undo, cancel), and a customer closing
/// the account while moving the booking in another tab. Each pair ends as one of the two would have had it alone.
/// </summary>
public class DeskRaceTests() : PortalSuite(scheduledJobs: false)
{
    private const int DeskRounds = 10;

    [Fact]
    public async Task A_check_in_racing_a_staff_cancel_ends_checked_in_or_cancelled_never_both()
    {
        var (staff, service, slots) = await DeskAsync();
        for (var round = 0; round < DeskRounds; round++)
        {
            var (booking, checkedIn) = await RacingAStaffCancelAsync(
                staff, service.Id, slots[round % 4].StartUtc, DueWithinTheHourAsync, (desk, id) => desk.CheckInAsync(staff, id), round);

            (await StatusAsync(factory, booking.Id)).Should().Be(checkedIn ? BookingStatus.Completed : BookingStatus.Cancelled);
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_no_show_racing_a_staff_cancel_ends_as_one_of_them_with_the_count_to_match()
    {
        var (staff, service, slots) = await DeskAsync();
        for (var round = 0; round < DeskRounds; round++)
        {
            var (booking, markedNoShow) = await RacingAStaffCancelAsync(
                staff, service.Id, slots[round % 4].StartUtc, StartedAsync, (desk, id) => desk.MarkNoShowAsync(staff, id), round);

            await using var db = await factory.DbFactory.CreateDbContextAsync();
            (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(markedNoShow ? BookingStatus.NoShow : BookingStatus.Cancelled);
            (await db.Users.SingleAsync(u => u.Id == booking.CustomerId)).NoShowCount.Should().Be(markedNoShow ? 1 : 0);
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    [Fact]
    public async Task Undoing_one_no_show_at_two_desks_at_once_counts_it_back_once()
    {
        var (staff, service, slots) = await DeskAsync();
        for (var round = 0; round < DeskRounds; round++)
        {
            var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[round % 4].StartUtc);
            await StartedAsync(factory, booking.Id);
            (await factory.Get<FrontDeskService>().MarkNoShowAsync(staff, booking.Id)).Should().BeTrue();

            var (first, second) = await Race.BothAtOnceAsync(
                () => factory.Get<FrontDeskService>().UndoNoShowAsync(staff, booking.Id), () => factory.Get<FrontDeskService>().UndoNoShowAsync(staff, booking.Id));

            new[] { first, second }.Should().BeEquivalentTo([UndoNoShowOutcome.Undone, UndoNoShowOutcome.NothingChanged], $"round {round}: one undo acts, the other finds nothing to undo");
            await using var db = await factory.DbFactory.CreateDbContextAsync();
            (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).Status.Should().Be(BookingStatus.Completed);
            (await db.Users.SingleAsync(u => u.Id == booking.CustomerId)).NoShowCount.Should().Be(0);
            (await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.NoShowForfeitReversed))
                .Should().Be(await db.LedgerEntries.CountAsync(e => e.BookingId == booking.Id && e.Kind == LedgerEntryKind.NoShowForfeited));
            (await db.AuditEntries.CountAsync(a => a.Action == "booking.no_show_undone" && a.Subject == booking.ConfirmationNumber)).Should().Be(1);
        }
    }

    [Fact]
    public async Task Closing_an_account_while_it_moves_its_booking_in_another_tab_leaves_nothing_booked()
    {
        var (_, service, slots) = await DeskAsync();
        for (var round = 0; round < DeskRounds; round++)
        {
            var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[round % 2].StartUtc);

            var (_, moved) = await Race.BothAtOnceAsync(
                () => factory.Get<AccountClosing>().CloseAsync(booking.CustomerId),
                () => factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, false, slots[2 + round % 2].StartUtc)));

            (await HoldsASeatAsync(factory, booking.CustomerId))
                .Should().BeFalse($"round {round}: moved or not, the closing cancels the booking ({moved.Message})");
        }

        (await SeatInvariants.ViolationsAsync(factory)).Should().BeEmpty();
    }

    /// <summary>
    /// A new customer's booking, made ready for the desk by <paramref name="ready"/>, then the desk's act and a staff cancel
    /// on it at once: exactly one of the two acts. Whether the desk's did.
    /// </summary>
    private async Task<(BookingView Booking, bool DeskActed)> RacingAStaffCancelAsync(StaffActor staff, int serviceId, DateTime slotStartUtc,
        Func<PortalFactory, Guid, Task> ready, Func<FrontDeskService, Guid, Task<bool>> deskAct, int round)
    {
        var booking = await factory.BookAsNewCustomerAsync(serviceId, slotStartUtc);
        await ready(factory, booking.Id);

        var (acted, cancelled) = await Race.BothAtOnceAsync(
            () => deskAct(factory.Get<FrontDeskService>(), booking.Id),
            () => factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, staff.Id, IsStaff: true)));

        (acted ^ cancelled.Succeeded).Should().BeTrue($"round {round}: exactly one of the two acts ({cancelled.Message})");
        return (booking, acted);
    }

    private async Task<(StaffActor Staff, Service Service, IReadOnlyList<SlotAvailability> Slots)> DeskAsync()
    {
        var (service, slots) = await FarSlotsAsync(factory, (await factory.SimpleConsultationAsync()).Name);
        return (await factory.StaffAsync(), service, slots);
    }
}

/// <summary>The same pairs on PostgreSQL, where row locks and deadlock detection are the server's.</summary>
public class DeskRaceOnPostgresTests : DeskRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
