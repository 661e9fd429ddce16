namespace BookingPortal.Tests.Integration.Queue;

/// <summary>
/// Two customers who ranked the same last seat first are admitted in one tick while a third, admitted earlier, books
/// that seat by hand at the same moment: the seat is given once, and both ranked customers leave the tick booked.
/// </summary>
public class RankedChoiceRaceTests : WeeklyReleaseSuite
{
    [Fact]
    public async Task Two_admitted_customers_ranking_the_same_last_seat_first_both_get_a_booking_without_overbooking()
    {
        var customers = await factory.CreateCustomersAsync(3);
        var (byHand, first, second) = (customers[0], customers[1], customers[2]);
        var queue = factory.Get<QueueService>();
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));
        await queue.JoinAsync(clinic.Id, byHand, null);
        factory.Clock.SetUtcNow(Opening);
        await factory.Get<AdmissionController>().TickAllAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var firstEntry = (await queue.JoinAsync(clinic.Id, first, null)).Entry!.Id;
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var secondEntry = (await queue.JoinAsync(clinic.Id, second, null)).Entry!.Id;

        var book = factory.Get<RankedChoiceBook>();
        var options = (await book.OptionsAsync(clinic.Id)).Where(s => s.StartUtc > Opening.UtcDateTime.AddHours(25)).ToList();
        var (last, next) = (options[0].StartUtc, options[1].StartUtc);
        (await book.SaveAsync(firstEntry, first, [last, next], AnswersGiven.None)).Saved.Should().BeTrue();
        (await book.SaveAsync(secondEntry, second, [last, next], AnswersGiven.None)).Saved.Should().BeTrue();
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // One seat left at the first choice; room for both at the second.
            await db.SlotInventories.Where(i => i.ServiceId == clinic.Id && i.StartUtc == last).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Capacity - 1));
            await db.SlotInventories.Where(i => i.ServiceId == clinic.Id && i.StartUtc == next).ExecuteUpdateAsync(i => i.SetProperty(x => x.Capacity, 3));
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var (handResult, _) = await Race.BothAtOnceAsync(
            () => factory.Get<Features.Booking.BookingService>().ReserveAsync(new ReserveRequest(byHand, clinic.Id, last, "by-hand")),
            () => factory.Get<AdmissionController>().TickAllAsync());

        await using var check = await factory.DbFactory.CreateDbContextAsync();
        var lastCounter = await check.SlotInventories.SingleAsync(i => i.ServiceId == clinic.Id && i.StartUtc == last);
        lastCounter.Booked.Should().Be(lastCounter.Capacity, "the last seat is given once");
        (await check.Bookings.Where(Booking.HoldsSeat).CountAsync(b => b.SlotInventoryId == lastCounter.Id && b.CreatedAtUtc >= Opening.UtcDateTime)).Should().Be(1);
        var booked = await check.Bookings.Where(b => b.CustomerId == first || b.CustomerId == second).ToDictionaryAsync(b => b.CustomerId, b => b.StartUtc);
        booked.Should().HaveCount(2, "both ranked customers are booked at admission");
        booked[second].Should().Be(next, "the later place gets its second choice");
        booked[first].Should().Be(handResult.Succeeded ? next : last, "the earlier place gets the last seat unless the hand booking took it first");
        (await check.RankedChoices.Select(c => c.Outcome).ToListAsync()).Should().OnlyContain(o => o == RankedOutcome.Booked);
        (await check.QueueEntries.Where(e => e.Id == firstEntry || e.Id == secondEntry).Select(e => e.Status).ToListAsync())
            .Should().OnlyContain(s => s == QueueEntryStatus.Completed, "the booking used the turn");
        var state = await queue.GetStateAsync(clinic.Id, second);
        state.Stage.Should().Be(QueueStage.Finished);
        state.RankedOutcome!.BookedConfirmation.Should().NotBeNullOrEmpty();
    }

    /// <summary>
    /// The turn comes between the save's check that the customer still waits and its write: the admission found no
    /// choices, so saved now they would wait for a later turn (after a booking by hand and a new place in line) and book
    /// it unasked. The save is refused as one whose turn came.
    /// </summary>
    [Fact]
    public async Task Choices_saved_as_the_turn_comes_are_refused_not_kept_for_a_later_turn()
    {
        var customer = (await factory.CreateCustomersAsync(1))[0];
        factory.Clock.SetUtcNow(Opening.AddMinutes(-30));
        var entry = (await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null)).Entry!.Id;
        var book = factory.Get<RankedChoiceBook>();
        var slot = (await book.OptionsAsync(clinic.Id)).First(s => s.StartUtc > Opening.UtcDateTime.AddHours(25)).StartUtc;
        factory.Clock.SetUtcNow(Opening);
        factory.Transactions.BeforeNext(() => factory.Get<AdmissionController>().TickAllAsync());

        var saved = await book.SaveAsync(entry, customer, [slot], AnswersGiven.None);

        factory.Transactions.Fired.Should().Be(1, "the turn came inside the save");
        saved.Should().BeEquivalentTo(new { Saved = false, NotWaiting = true }, "the turn came before the choices were written");
        await using var check = await factory.DbFactory.CreateDbContextAsync();
        (await check.QueueEntries.SingleAsync(e => e.Id == entry)).Status.Should().Be(QueueEntryStatus.Admitted);
        (await check.RankedChoices.CountAsync(c => c.QueueEntryId == entry)).Should().Be(0, "nothing is left to book a later turn");
    }
}

/// <summary>The same race on PostgreSQL, where the tick and the hand booking really run at once.</summary>
public class RankedChoiceRaceOnPostgresTests : RankedChoiceRaceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
