using BookingPortal.Data.Migrations;

namespace BookingPortal.Tests.Integration.Insights;

/// <summary>The facts Insights counts are written by the changes themselves: a move stamps its booking, the recorder reads seats left.</summary>
public abstract class InsightsFactsSuite() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task A_move_stamps_its_booking_and_counts_in_the_week_it_moved_to_without_its_notice()
    {
        var (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var later = slots.First(s => s.StartUtc > booking.StartUtc.AddDays(8));

        var moved = await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false, later.StartUtc));

        moved.Succeeded.Should().BeTrue(moved.Message);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).MovedAtUtc.Should().Be(factory.Clock.GetUtcNow().UtcDateTime);
        // The count reads the booking, not the notice: with the notice gone the move still counts.
        await db.OutboxMessages.Where(m => m.BookingId == booking.Id && m.Kind == NotificationKind.Rescheduled).ExecuteDeleteAsync();
        var trends = (await factory.Get<BookingTrendsQueries>().GetAsync(await factory.StaffAsync(), service.Id, weeksBack: 1))!;
        var weekOf = new InsightsCalendar(service.TimeZoneId).WeekOf(later.StartUtc);
        trends.Weeks.Where(w => w.Moved > 0).Should().ContainSingle().Which.Should().Match<BookingWeek>(w => w.WeekStart == weekOf && w.Moved == 1);
    }

    [Fact]
    public async Task Moves_made_before_the_stamp_are_filled_in_once_from_their_rescheduled_notice()
    {
        var (service, slots) = await factory.SimpleConsultationAndSlotsAsync();
        var booking = await factory.BookAsNewCustomerAsync(service.Id, slots[0].StartUtc);
        var stayed = await factory.BookAsNewCustomerAsync(service.Id, slots[1].StartUtc);
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        (await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false, slots[^1].StartUtc))).Succeeded.Should().BeTrue();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.Bookings.ExecuteUpdateAsync(b => b.SetProperty(x => x.MovedAtUtc, (DateTime?)null));

        await db.Database.ExecuteSqlRawAsync(MovedAtBackfill.Sql);

        var notice = await db.OutboxMessages.Where(m => m.BookingId == booking.Id && m.Kind == NotificationKind.Rescheduled).MaxAsync(m => m.CreatedAtUtc);
        (await db.Bookings.SingleAsync(b => b.Id == booking.Id)).MovedAtUtc.Should().Be(notice);
        (await db.Bookings.SingleAsync(b => b.Id == stayed.Id)).MovedAtUtc.Should().BeNull();
    }

    [Fact]
    public async Task The_recorder_reads_seats_left_as_the_waiting_room_shows_them_while_the_opening_is_live()
    {
        var service = await factory.SimpleConsultationAsync();
        var booking = await factory.BookAsNewCustomerAsync(service.Id, (await factory.BookableSlotsAsync(service))[0].StartUtc);
        var (openingId, entryId) = await LiveOpeningAsync(service.Id);
        var waitingRoomShows = await factory.Get<QueueService>().RemainingSeatsAsync(service);

        (await factory.Get<OpeningSeatRecorder>().RecordAsync()).Should().Be(1);
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booking.ConfirmationNumber, booking.CustomerId, IsStaff: false))).Succeeded.Should().BeTrue();
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        (await factory.Get<OpeningSeatRecorder>().RecordAsync()).Should().Be(1);

        var opening = (await factory.Get<OpeningInsightsQueries>().GetAsync(await factory.StaffAsync(), openingId))!;
        opening.IsLive.Should().BeTrue();
        opening.Minutes.TakeLast(2).Select(m => m.SeatsLeft).Should().Equal(waitingRoomShows, waitingRoomShows + 1);
        opening.SeatsLeftNow.Should().Be(waitingRoomShows + 1);
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        await db.QueueEntries.Where(e => e.Id == entryId).ExecuteUpdateAsync(e => e.SetProperty(x => x.Status, QueueEntryStatus.Completed));
        (await factory.Get<OpeningSeatRecorder>().RecordAsync()).Should().Be(0, "nobody waits or holds a turn any more");
    }

    /// <summary>An opening of the service whose doors opened a minute ago, with one person waiting.</summary>
    private async Task<(long OpeningId, long EntryId)> LiveOpeningAsync(int serviceId)
    {
        var nowUtc = factory.Clock.GetUtcNow().UtcDateTime;
        var customer = (await factory.CreateCustomersAsync(1))[0];
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var release = new Release { ServiceId = serviceId, Name = "Facts opening", OpensAtUtc = nowUtc.AddMinutes(-1) };
        db.Releases.Add(release);
        await db.SaveChangesAsync();
        var opening = new ReleaseOpening { ReleaseId = release.Id, OpensAtUtc = nowUtc.AddMinutes(-1), EarlyOpensAtUtc = nowUtc.AddMinutes(-1), Seed = InsightsHistory.DrawSeed };
        db.ReleaseOpenings.Add(opening);
        await db.SaveChangesAsync();
        var entry = new QueueEntry { OpeningId = opening.Id, CustomerId = customer, JoinedAtUtc = nowUtc.AddMinutes(-2), Status = QueueEntryStatus.Waiting };
        db.QueueEntries.Add(entry);
        await db.SaveChangesAsync();
        return (opening.Id, entry.Id);
    }
}

public sealed class InsightsFactsTests : InsightsFactsSuite;

public sealed class InsightsFactsOnPostgresTests : InsightsFactsSuite
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
